"""Generated from schemas/iam-policy.schema.json by `python -m iamkb.check.schema`: do not edit.

A yes/no validator per policy kind (see iamkb.check.schema.is_valid); regenerate after changing the schema.
"""
VERSION = "2.22.3"
from decimal import Decimal
import re


# fastjsonschema's generated code raises these; defined here so the module needs only `re` at run time.
class JsonSchemaValueException(ValueError):
    pass


JsonSchemaValuesException = JsonSchemaValueException


REGEX_PATTERNS = {
    '^(?:(?:ForAllValues:|ForAnyValue:)?(?:StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(?:IfExists)?|(?:ForAllValues:|ForAnyValue:)?Null)$': re.compile('^(?:(?:ForAllValues:|ForAnyValue:)?(?:StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(?:IfExists)?|(?:ForAllValues:|ForAnyValue:)?Null)\\Z'),
    '^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)$': re.compile('^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)\\Z'),
    '^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$': re.compile('^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)\\Z'),
    '^\\*$': re.compile('^\\*\\Z'),
    '^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})$': re.compile('^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})\\Z'),
    '^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+$': re.compile('^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+\\Z'),
    '^\\S+$': re.compile('^\\S+\\Z'),
    '^[A-Za-z0-9]*$': re.compile('^[A-Za-z0-9]*\\Z')
}

NoneType = type(None)

def validate_urn_iamkb_compiled(data, custom_formats={}, name_prefix=None):
    data_any_of_count1 = 0
    if not data_any_of_count1:
        try:
            validate____defs_identitypolicy(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate____defs_resourcepolicy(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate____defs_trustpolicy(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate____defs_statement(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate____defs_scppolicy(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate____defs_rcppolicy(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate____defs_rcppolicy(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Statement']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Version" in data_keys:
            data_keys.remove("Version")
            data__Version = data["Version"]
            validate____defs_version(data__Version, custom_formats, (name_prefix or "data") + ".Version")
        if "Statement" in data_keys:
            data_keys.remove("Statement")
            data__Statement = data["Statement"]
            validate____defs_rcpstatements(data__Statement, custom_formats, (name_prefix or "data") + ".Statement")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_rcpstatements(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                validate____defs_rcpstatement(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    else:
        validate____defs_rcpstatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_rcpstatement(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_oneresourceelement(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Effect', 'Action']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Sid" in data_keys:
            data_keys.remove("Sid")
            data__Sid = data["Sid"]
            validate____defs_sid(data__Sid, custom_formats, (name_prefix or "data") + ".Sid")
        if "Effect" in data_keys:
            data_keys.remove("Effect")
            data__Effect = data["Effect"]
            validate____defs_effect(data__Effect, custom_formats, (name_prefix or "data") + ".Effect")
        if "Principal" in data_keys:
            data_keys.remove("Principal")
            data__Principal = data["Principal"]
            validate____defs_principal(data__Principal, custom_formats, (name_prefix or "data") + ".Principal")
        if "Action" in data_keys:
            data_keys.remove("Action")
            data__Action = data["Action"]
            validate____defs_actions(data__Action, custom_formats, (name_prefix or "data") + ".Action")
        if "Resource" in data_keys:
            data_keys.remove("Resource")
            data__Resource = data["Resource"]
            validate____defs_resources(data__Resource, custom_formats, (name_prefix or "data") + ".Resource")
        if "NotResource" in data_keys:
            data_keys.remove("NotResource")
            data__NotResource = data["NotResource"]
            validate____defs_resources(data__NotResource, custom_formats, (name_prefix or "data") + ".NotResource")
        if "Condition" in data_keys:
            data_keys.remove("Condition")
            data__Condition = data["Condition"]
            validate____defs_condition(data__Condition, custom_formats, (name_prefix or "data") + ".Condition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_condition(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties")
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                validate____defs_conditionblock(data_value, custom_formats, (name_prefix or "data") + ".{data_key}".format(**locals()))
        if data_len != 0:
            data_property_names = True
            for data_key in data:
                try:
                    if isinstance(data_key, str):
                        if not REGEX_PATTERNS['^(?:(?:ForAllValues:|ForAnyValue:)?(?:StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(?:IfExists)?|(?:ForAllValues:|ForAnyValue:)?Null)$'].search(data_key):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?:(?:ForAllValues:|ForAnyValue:)?(?:StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(?:IfExists)?|(?:ForAllValues:|ForAnyValue:)?Null)$")
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    data_property_names = False
            if not data_property_names:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition")
    return data

def validate____defs_conditionblock(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties")
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                validate____defs_conditionvalues(data_value, custom_formats, (name_prefix or "data") + ".{data_key}".format(**locals()))
        if data_len != 0:
            data_property_names = True
            for data_key in data:
                try:
                    if isinstance(data_key, str):
                        data_key_len = len(data_key)
                        if data_key_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    data_property_names = False
            if not data_property_names:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition")
    return data

def validate____defs_conditionvalues(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, int, float, Decimal, bool, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or number or boolean or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str, int, float, Decimal, bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string or number or boolean")
    return data

def validate____defs_resources(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or array")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
        if not REGEX_PATTERNS['^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)$")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            if isinstance(data_item, str):
                data_item_len = len(data_item)
                if data_item_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)$'].search(data_item):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must match pattern ^(?:\\*|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>)$")
    return data

def validate____defs_actions(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or array")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
        if not REGEX_PATTERNS['^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            if isinstance(data_item, str):
                data_item_len = len(data_item)
                if data_item_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$'].search(data_item):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must match pattern ^(?:\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+)$")
    return data

def validate____defs_principal(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or object")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
        if not REGEX_PATTERNS['^\\*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\*$")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties")
        data_keys = set(data.keys())
        if "AWS" in data_keys:
            data_keys.remove("AWS")
            data__AWS = data["AWS"]
            if not isinstance(data__AWS, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS must be string or array")
            if isinstance(data__AWS, str):
                data__AWS_len = len(data__AWS)
                if data__AWS_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})$'].search(data__AWS):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS must match pattern ^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})$")
            data__AWS_is_list = isinstance(data__AWS, (list, tuple))
            if data__AWS_is_list:
                data__AWS_len = len(data__AWS)
                if data__AWS_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS must contain at least 1 items")
                for data__AWS_x, data__AWS_item in enumerate(data__AWS):
                    if not isinstance(data__AWS_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS[{data__AWS_x}]".format(**locals()) + " must be string")
                    if isinstance(data__AWS_item, str):
                        data__AWS_item_len = len(data__AWS_item)
                        if data__AWS_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS[{data__AWS_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})$'].search(data__AWS_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".AWS[{data__AWS_x}]".format(**locals()) + " must match pattern ^(?:\\*|[0-9]{12}|A(?:ROA|IDA)[0-9A-Z]{16,}|arn:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)+:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:(?:\\$\\{[^}]*\\}|[^:\\$]|\\$)*:.*|<[A-Za-z0-9][A-Za-z0-9_.-]*>|\\$\\{[^}]+\\})$")
        if "Service" in data_keys:
            data_keys.remove("Service")
            data__Service = data["Service"]
            if not isinstance(data__Service, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service must be string or array")
            if isinstance(data__Service, str):
                data__Service_len = len(data__Service)
                if data__Service_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+$'].search(data__Service):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service must match pattern ^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+$")
            data__Service_is_list = isinstance(data__Service, (list, tuple))
            if data__Service_is_list:
                data__Service_len = len(data__Service)
                if data__Service_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service must contain at least 1 items")
                for data__Service_x, data__Service_item in enumerate(data__Service):
                    if not isinstance(data__Service_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service[{data__Service_x}]".format(**locals()) + " must be string")
                    if isinstance(data__Service_item, str):
                        data__Service_item_len = len(data__Service_item)
                        if data__Service_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service[{data__Service_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+$'].search(data__Service_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".Service[{data__Service_x}]".format(**locals()) + " must match pattern ^(?:[A-Za-z0-9.-]|\\$\\{[^}]+\\}|<[A-Za-z0-9_.-]+>)+$")
        if "Federated" in data_keys:
            data_keys.remove("Federated")
            data__Federated = data["Federated"]
            if not isinstance(data__Federated, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated must be string or array")
            if isinstance(data__Federated, str):
                data__Federated_len = len(data__Federated)
                if data__Federated_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^\\S+$'].search(data__Federated):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated must match pattern ^\\S+$")
            data__Federated_is_list = isinstance(data__Federated, (list, tuple))
            if data__Federated_is_list:
                data__Federated_len = len(data__Federated)
                if data__Federated_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated must contain at least 1 items")
                for data__Federated_x, data__Federated_item in enumerate(data__Federated):
                    if not isinstance(data__Federated_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated[{data__Federated_x}]".format(**locals()) + " must be string")
                    if isinstance(data__Federated_item, str):
                        data__Federated_item_len = len(data__Federated_item)
                        if data__Federated_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated[{data__Federated_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['^\\S+$'].search(data__Federated_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".Federated[{data__Federated_x}]".format(**locals()) + " must match pattern ^\\S+$")
        if "CanonicalUser" in data_keys:
            data_keys.remove("CanonicalUser")
            data__CanonicalUser = data["CanonicalUser"]
            if not isinstance(data__CanonicalUser, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser must be string or array")
            if isinstance(data__CanonicalUser, str):
                data__CanonicalUser_len = len(data__CanonicalUser)
                if data__CanonicalUser_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^\\S+$'].search(data__CanonicalUser):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser must match pattern ^\\S+$")
            data__CanonicalUser_is_list = isinstance(data__CanonicalUser, (list, tuple))
            if data__CanonicalUser_is_list:
                data__CanonicalUser_len = len(data__CanonicalUser)
                if data__CanonicalUser_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser must contain at least 1 items")
                for data__CanonicalUser_x, data__CanonicalUser_item in enumerate(data__CanonicalUser):
                    if not isinstance(data__CanonicalUser_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser[{data__CanonicalUser_x}]".format(**locals()) + " must be string")
                    if isinstance(data__CanonicalUser_item, str):
                        data__CanonicalUser_item_len = len(data__CanonicalUser_item)
                        if data__CanonicalUser_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser[{data__CanonicalUser_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['^\\S+$'].search(data__CanonicalUser_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".CanonicalUser[{data__CanonicalUser_x}]".format(**locals()) + " must match pattern ^\\S+$")
        if data_len != 0:
            data_property_names = True
            for data_key in data:
                try:
                    if not (isinstance(data_key, str) and data_key == 'AWS' or isinstance(data_key, str) and data_key == 'Service' or isinstance(data_key, str) and data_key == 'Federated' or isinstance(data_key, str) and data_key == 'CanonicalUser'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['AWS', 'Service', 'Federated', 'CanonicalUser']")
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    data_property_names = False
            if not data_property_names:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition")
    return data

def validate____defs_effect(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if not (isinstance(data, str) and data == 'Allow' or isinstance(data, str) and data == 'Deny'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['Allow', 'Deny']")
    return data

def validate____defs_sid(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    return data

def validate____defs_oneresourceelement(data, custom_formats={}, name_prefix=None):
    data_any_of_count2 = 0
    if not data_any_of_count2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['Resource']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['NotResource']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count2:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['Resource', 'NotResource']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    except (JsonSchemaValueException, JsonSchemaValuesException): pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate____defs_version(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if not (isinstance(data, str) and data == '2012-10-17' or isinstance(data, str) and data == '2008-10-17'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['2012-10-17', '2008-10-17']")
    return data

def validate____defs_scppolicy(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Statement']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Version" in data_keys:
            data_keys.remove("Version")
            data__Version = data["Version"]
            validate____defs_version(data__Version, custom_formats, (name_prefix or "data") + ".Version")
        if "Statement" in data_keys:
            data_keys.remove("Statement")
            data__Statement = data["Statement"]
            validate____defs_scpstatements(data__Statement, custom_formats, (name_prefix or "data") + ".Statement")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_scpstatements(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                validate____defs_scpstatement(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    else:
        validate____defs_scpstatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_scpstatement(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_oneactionelement(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_oneresourceelement(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Effect']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Sid" in data_keys:
            data_keys.remove("Sid")
            data__Sid = data["Sid"]
            validate____defs_sid(data__Sid, custom_formats, (name_prefix or "data") + ".Sid")
        if "Effect" in data_keys:
            data_keys.remove("Effect")
            data__Effect = data["Effect"]
            validate____defs_effect(data__Effect, custom_formats, (name_prefix or "data") + ".Effect")
        if "Action" in data_keys:
            data_keys.remove("Action")
            data__Action = data["Action"]
            validate____defs_actions(data__Action, custom_formats, (name_prefix or "data") + ".Action")
        if "NotAction" in data_keys:
            data_keys.remove("NotAction")
            data__NotAction = data["NotAction"]
            validate____defs_actions(data__NotAction, custom_formats, (name_prefix or "data") + ".NotAction")
        if "Resource" in data_keys:
            data_keys.remove("Resource")
            data__Resource = data["Resource"]
            validate____defs_resources(data__Resource, custom_formats, (name_prefix or "data") + ".Resource")
        if "NotResource" in data_keys:
            data_keys.remove("NotResource")
            data__NotResource = data["NotResource"]
            validate____defs_resources(data__NotResource, custom_formats, (name_prefix or "data") + ".NotResource")
        if "Condition" in data_keys:
            data_keys.remove("Condition")
            data__Condition = data["Condition"]
            validate____defs_condition(data__Condition, custom_formats, (name_prefix or "data") + ".Condition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_oneactionelement(data, custom_formats={}, name_prefix=None):
    data_any_of_count3 = 0
    if not data_any_of_count3:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['Action']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count3 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count3:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['NotAction']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count3 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count3:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['Action', 'NotAction']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    except (JsonSchemaValueException, JsonSchemaValuesException): pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate____defs_statement(data, custom_formats={}, name_prefix=None):
    try:
        data_any_of_count4 = 0
        if not data_any_of_count4:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['Principal']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_any_of_count4 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count4:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['NotPrincipal']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_any_of_count4 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count4:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        validate____defs_identitystatement(data, custom_formats, (name_prefix or "data") + "")
    else:
        try:
            data_any_of_count5 = 0
            if not data_any_of_count5:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['Resource']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                    data_any_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count5:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['NotResource']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                    data_any_of_count5 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count5:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
        except (JsonSchemaValueException, JsonSchemaValuesException):
            validate____defs_truststatement(data, custom_formats, (name_prefix or "data") + "")
        else:
            validate____defs_resourcestatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_resourcestatement(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_oneactionelement(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_oneresourceelement(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_oneprincipalelement(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Effect']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Sid" in data_keys:
            data_keys.remove("Sid")
            data__Sid = data["Sid"]
            validate____defs_sid(data__Sid, custom_formats, (name_prefix or "data") + ".Sid")
        if "Effect" in data_keys:
            data_keys.remove("Effect")
            data__Effect = data["Effect"]
            validate____defs_effect(data__Effect, custom_formats, (name_prefix or "data") + ".Effect")
        if "Principal" in data_keys:
            data_keys.remove("Principal")
            data__Principal = data["Principal"]
            validate____defs_principal(data__Principal, custom_formats, (name_prefix or "data") + ".Principal")
        if "NotPrincipal" in data_keys:
            data_keys.remove("NotPrincipal")
            data__NotPrincipal = data["NotPrincipal"]
            validate____defs_principal(data__NotPrincipal, custom_formats, (name_prefix or "data") + ".NotPrincipal")
        if "Action" in data_keys:
            data_keys.remove("Action")
            data__Action = data["Action"]
            validate____defs_actions(data__Action, custom_formats, (name_prefix or "data") + ".Action")
        if "NotAction" in data_keys:
            data_keys.remove("NotAction")
            data__NotAction = data["NotAction"]
            validate____defs_actions(data__NotAction, custom_formats, (name_prefix or "data") + ".NotAction")
        if "Resource" in data_keys:
            data_keys.remove("Resource")
            data__Resource = data["Resource"]
            validate____defs_resources(data__Resource, custom_formats, (name_prefix or "data") + ".Resource")
        if "NotResource" in data_keys:
            data_keys.remove("NotResource")
            data__NotResource = data["NotResource"]
            validate____defs_resources(data__NotResource, custom_formats, (name_prefix or "data") + ".NotResource")
        if "Condition" in data_keys:
            data_keys.remove("Condition")
            data__Condition = data["Condition"]
            validate____defs_condition(data__Condition, custom_formats, (name_prefix or "data") + ".Condition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_oneprincipalelement(data, custom_formats={}, name_prefix=None):
    data_any_of_count6 = 0
    if not data_any_of_count6:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['Principal']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count6 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count6:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['NotPrincipal']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count6 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count6:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['Principal', 'NotPrincipal']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    except (JsonSchemaValueException, JsonSchemaValuesException): pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate____defs_truststatement(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_oneactionelement(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_oneprincipalelement(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Effect']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Sid" in data_keys:
            data_keys.remove("Sid")
            data__Sid = data["Sid"]
            validate____defs_sid(data__Sid, custom_formats, (name_prefix or "data") + ".Sid")
        if "Effect" in data_keys:
            data_keys.remove("Effect")
            data__Effect = data["Effect"]
            validate____defs_effect(data__Effect, custom_formats, (name_prefix or "data") + ".Effect")
        if "Principal" in data_keys:
            data_keys.remove("Principal")
            data__Principal = data["Principal"]
            validate____defs_principal(data__Principal, custom_formats, (name_prefix or "data") + ".Principal")
        if "NotPrincipal" in data_keys:
            data_keys.remove("NotPrincipal")
            data__NotPrincipal = data["NotPrincipal"]
            validate____defs_principal(data__NotPrincipal, custom_formats, (name_prefix or "data") + ".NotPrincipal")
        if "Action" in data_keys:
            data_keys.remove("Action")
            data__Action = data["Action"]
            validate____defs_actions(data__Action, custom_formats, (name_prefix or "data") + ".Action")
        if "NotAction" in data_keys:
            data_keys.remove("NotAction")
            data__NotAction = data["NotAction"]
            validate____defs_actions(data__NotAction, custom_formats, (name_prefix or "data") + ".NotAction")
        if "Resource" in data_keys:
            data_keys.remove("Resource")
            data__Resource = data["Resource"]
            validate____defs_resourcenotallowed(data__Resource, custom_formats, (name_prefix or "data") + ".Resource")
        if "NotResource" in data_keys:
            data_keys.remove("NotResource")
            data__NotResource = data["NotResource"]
            validate____defs_resourcenotallowed(data__NotResource, custom_formats, (name_prefix or "data") + ".NotResource")
        if "Condition" in data_keys:
            data_keys.remove("Condition")
            data__Condition = data["Condition"]
            validate____defs_condition(data__Condition, custom_formats, (name_prefix or "data") + ".Condition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_resourcenotallowed(data, custom_formats={}, name_prefix=None):
    raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate____defs_identitystatement(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_oneactionelement(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_oneresourceelement(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Effect']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Sid" in data_keys:
            data_keys.remove("Sid")
            data__Sid = data["Sid"]
            validate____defs_identitysid(data__Sid, custom_formats, (name_prefix or "data") + ".Sid")
        if "Effect" in data_keys:
            data_keys.remove("Effect")
            data__Effect = data["Effect"]
            validate____defs_effect(data__Effect, custom_formats, (name_prefix or "data") + ".Effect")
        if "Principal" in data_keys:
            data_keys.remove("Principal")
            data__Principal = data["Principal"]
            validate____defs_principalnotallowed(data__Principal, custom_formats, (name_prefix or "data") + ".Principal")
        if "NotPrincipal" in data_keys:
            data_keys.remove("NotPrincipal")
            data__NotPrincipal = data["NotPrincipal"]
            validate____defs_principalnotallowed(data__NotPrincipal, custom_formats, (name_prefix or "data") + ".NotPrincipal")
        if "Action" in data_keys:
            data_keys.remove("Action")
            data__Action = data["Action"]
            validate____defs_actions(data__Action, custom_formats, (name_prefix or "data") + ".Action")
        if "NotAction" in data_keys:
            data_keys.remove("NotAction")
            data__NotAction = data["NotAction"]
            validate____defs_actions(data__NotAction, custom_formats, (name_prefix or "data") + ".NotAction")
        if "Resource" in data_keys:
            data_keys.remove("Resource")
            data__Resource = data["Resource"]
            validate____defs_resources(data__Resource, custom_formats, (name_prefix or "data") + ".Resource")
        if "NotResource" in data_keys:
            data_keys.remove("NotResource")
            data__NotResource = data["NotResource"]
            validate____defs_resources(data__NotResource, custom_formats, (name_prefix or "data") + ".NotResource")
        if "Condition" in data_keys:
            data_keys.remove("Condition")
            data__Condition = data["Condition"]
            validate____defs_condition(data__Condition, custom_formats, (name_prefix or "data") + ".Condition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_principalnotallowed(data, custom_formats={}, name_prefix=None):
    raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate____defs_identitysid(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Za-z0-9]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9]*$")
    return data

def validate____defs_trustpolicy(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Statement']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Version" in data_keys:
            data_keys.remove("Version")
            data__Version = data["Version"]
            validate____defs_version(data__Version, custom_formats, (name_prefix or "data") + ".Version")
        if "Id" in data_keys:
            data_keys.remove("Id")
            data__Id = data["Id"]
            validate____defs_policyid(data__Id, custom_formats, (name_prefix or "data") + ".Id")
        if "Statement" in data_keys:
            data_keys.remove("Statement")
            data__Statement = data["Statement"]
            validate____defs_truststatements(data__Statement, custom_formats, (name_prefix or "data") + ".Statement")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_truststatements(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                validate____defs_truststatement(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    else:
        validate____defs_truststatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_policyid(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
    return data

def validate____defs_resourcepolicy(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Statement']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Version" in data_keys:
            data_keys.remove("Version")
            data__Version = data["Version"]
            validate____defs_version(data__Version, custom_formats, (name_prefix or "data") + ".Version")
        if "Id" in data_keys:
            data_keys.remove("Id")
            data__Id = data["Id"]
            validate____defs_policyid(data__Id, custom_formats, (name_prefix or "data") + ".Id")
        if "Statement" in data_keys:
            data_keys.remove("Statement")
            data__Statement = data["Statement"]
            validate____defs_resourcestatements(data__Statement, custom_formats, (name_prefix or "data") + ".Statement")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_resourcestatements(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                validate____defs_resourcestatement(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    else:
        validate____defs_resourcestatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_identitypolicy(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['Statement']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "Version" in data_keys:
            data_keys.remove("Version")
            data__Version = data["Version"]
            validate____defs_version(data__Version, custom_formats, (name_prefix or "data") + ".Version")
        if "Id" in data_keys:
            data_keys.remove("Id")
            data__Id = data["Id"]
            validate____defs_idnotallowed(data__Id, custom_formats, (name_prefix or "data") + ".Id")
        if "Statement" in data_keys:
            data_keys.remove("Statement")
            data__Statement = data["Statement"]
            validate____defs_identitystatements(data__Statement, custom_formats, (name_prefix or "data") + ".Statement")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_identitystatements(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                validate____defs_identitystatement(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    else:
        validate____defs_identitystatement(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_idnotallowed(data, custom_formats={}, name_prefix=None):
    raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data