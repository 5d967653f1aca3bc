"""Plain-language messages for every error code, in English and Chinese.

Services can show these to their own users.  No message contains the number
that was checked: it is personal data.

>>> message("checksum")
'The check character (the 18th) does not match the rest of the number.'
>>> message("region", "zh-CN")
'号码须以 810000（香港）、820000（澳门）或 830000（台湾）开头。'

*language* may be any BCP 47 tag (``zh-TW``, ``zh-Hant-HK``, ``en-US``), a
POSIX locale name (``zh_CN.UTF-8``) or a whole ``Accept-Language`` header;
:func:`resolve_language` says which of the three message languages it picks,
and anything it does not recognise falls back to English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, get_args

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "ErrorCode",
    "Language",
    "language_from_environment",
    "message",
    "resolve_language",
]

#: The languages every message exists in (BCP 47 tags).
Language = Literal["en", "zh-Hans", "zh-Hant"]

#: Every stable code: the errors' ``code`` and the link warning
#: ``link_letter_region``.  A type (``typing.Literal``), so a type checker
#: rejects ``message("chksum")``; ``typing.get_args(ErrorCode)`` lists them.
ErrorCode = Literal[
    "length",
    "characters",
    "region",
    "birth_date",
    "checksum",
    "travel_length",
    "travel_characters",
    "travel_format",
    "link_non_chinese",
    "link_region",
    "link_birth_date",
    "link_sex",
    "link_swapped",
    "index_conflict",
    "index_corrupt",
    "index_foreign",
    "index_unsafe_file",
    "index_not_writable",
    "index_key",
    "link_letter_region",
    "weak_secret",
    "encoding",
    "nul",
    "empty",
    "too_long",
    "csv",
    "column",
    "excel_number",
    "mainland_id_length",
    "mainland_id_characters",
    "mainland_id_residence_permit",
    "mainland_id_province",
    "mainland_id_birth_date",
    "mainland_id_checksum",
    "mainland_id_address",
    "mainland_id_15_length",
    "mainland_id_15_characters",
    "mainland_id_15_province",
    "mainland_id_15_birth_date",
    "foreign_permanent_resident_length",
    "foreign_permanent_resident_characters",
    "foreign_permanent_resident_prefix",
    "foreign_permanent_resident_province",
    "foreign_permanent_resident_nationality",
    "foreign_permanent_resident_birth_date",
    "foreign_permanent_resident_checksum",
    "foreign_permanent_resident_15_length",
    "foreign_permanent_resident_15_format",
    "foreign_permanent_resident_15_nationality",
    "foreign_permanent_resident_15_birth_date",
    "foreign_permanent_resident_15_check",
    "hong_kong_id_length",
    "hong_kong_id_format",
    "hong_kong_id_checksum",
    "macao_id_length",
    "macao_id_format",
    "taiwan_id_length",
    "taiwan_id_format",
    "taiwan_id_checksum",
    "taiwan_resident_certificate_length",
    "taiwan_resident_certificate_format",
    "taiwan_resident_certificate_checksum",
    "unknown_document",
]

#: The language tags for which every message exists (BCP 47).
LANGUAGES: tuple[Language, ...] = get_args(Language)

_CATALOGUE: dict[ErrorCode, dict[str, str]] = {
    # -- residence permit (permitcheck.residence) --------------------------------
    "length": {
        "en": "A residence permit number has 18 characters.",
        "zh-Hans": "居住证号码应为 18 位。",
        "zh-Hant": "居住證號碼應為 18 位。",
    },
    "characters": {
        "en": "The first 17 characters must be digits 0-9 and the 18th a digit or X.",
        "zh-Hans": "前 17 位须为数字 0-9，第 18 位须为数字或 X。",
        "zh-Hant": "前 17 位須為數字 0-9，第 18 位須為數字或 X。",
    },
    "region": {
        "en": "The number must start with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).",
        "zh-Hans": "号码须以 810000（香港）、820000（澳门）或 830000（台湾）开头。",
        "zh-Hant": "號碼須以 810000（香港）、820000（澳門）或 830000（台灣）開頭。",
    },
    "birth_date": {
        "en": "Characters 7-14 must be a real birth date from 1900-01-01 to today.",
        "zh-Hans": "第 7-14 位须为 1900-01-01 至今日之间的真实出生日期。",
        "zh-Hant": "第 7-14 位須為 1900-01-01 至今日之間的真實出生日期。",
    },
    "checksum": {
        "en": "The check character (the 18th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 18 位）与号码其余部分不符。",
        "zh-Hant": "校驗碼（第 18 位）與號碼其餘部分不符。",
    },
    # -- travel permits (permitcheck.travel) -------------------------------------
    "travel_length": {
        "en": (
            "A travel permit number starting with H or M has 9 or 11 characters,"
            " with HA or MA 9, and a Taiwan one 8 or 10 (13 with an office code in brackets)."
        ),
        "zh-Hans": (
            "H 或 M 字头的通行证号码应为 9 或 11 位，HA 或 MA 字头应为 9 位，"
            "台湾的应为 8 或 10 位（附括号内签发机关代码时为 13 位）。"
        ),
        "zh-Hant": (
            "H 或 M 字頭的通行證號碼應為 9 或 11 位，HA 或 MA 字頭應為 9 位，"
            "台灣的應為 8 或 10 位（附括號內簽發機關代碼時為 13 位）。"
        ),
    },
    "travel_characters": {
        "en": "A travel permit number contains only digits 0-9, letters and round brackets.",
        "zh-Hans": "通行证号码只能包含数字 0-9、英文字母和圆括号。",
        "zh-Hant": "通行證號碼只能包含數字 0-9、英文字母和圓括號。",
    },
    "travel_format": {
        "en": (
            "The number matches no travel permit format: H or M and 8 or 10 digits,"
            " HA or MA and 7 digits, or 8 or 10 digits (Taiwan), the 10 optionally"
            " followed by an office code in brackets."
        ),
        "zh-Hans": (
            "号码不符合任何通行证格式：H 或 M 加 8 或 10 位数字，HA 或 MA 加 7 位数字，"
            "或 8 或 10 位数字（台湾，10 位者可后附括号内的签发机关代码）。"
        ),
        "zh-Hant": (
            "號碼不符合任何通行證格式：H 或 M 加 8 或 10 位數字，HA 或 MA 加 7 位數字，"
            "或 8 或 10 位數字（台灣，10 位者可後附括號內的簽發機關代碼）。"
        ),
    },
    # -- links (permitcheck.linking, permitcheck.index) ---------------------------
    "link_non_chinese": {
        "en": (
            "A non-Chinese-nationality home-return permit (HA or MA) cannot be linked:"
            " its holders cannot hold a residence permit."
        ),
        "zh-Hans": (
            "非中国籍港澳居民来往内地通行证（HA 或 MA 字头）不能关联：其持证人不能申领居住证。"
        ),
        "zh-Hant": (
            "非中國籍港澳居民來往內地通行證（HA 或 MA 字頭）不能關聯：其持證人不能申領居住證。"
        ),
    },
    "link_region": {
        "en": (
            "The travel permit does not go with the residence permit's region: Hong Kong and"
            " Macao residents carry a home-return permit (H or M), Taiwan residents a Taiwan"
            " compatriot permit."
        ),
        "zh-Hans": (
            "通行证与居住证的地区不符：港澳居民持港澳居民来往内地通行证（H 或 M 字头），"
            "台湾居民持台湾居民来往大陆通行证。"
        ),
        "zh-Hant": (
            "通行證與居住證的地區不符：港澳居民持港澳居民來往內地通行證（H 或 M 字頭），"
            "台灣居民持台灣居民來往大陸通行證。"
        ),
    },
    "link_birth_date": {
        "en": "The birth date on the travel permit differs from the one in the residence permit.",
        "zh-Hans": "通行证上的出生日期与居住证号码中的出生日期不符。",
        "zh-Hant": "通行證上的出生日期與居住證號碼中的出生日期不符。",
    },
    "link_sex": {
        "en": "The sex on the travel permit differs from the one in the residence permit.",
        "zh-Hans": "通行证上的性别与居住证号码中的性别不符。",
        "zh-Hant": "通行證上的性別與居住證號碼中的性別不符。",
    },
    "link_swapped": {
        "en": (
            "A travel permit was given where the residence permit goes: the residence permit"
            " comes first, then the travel permit."
        ),
        "zh-Hans": "在应填居住证的位置给出了通行证：应先填居住证，再填通行证。",
        "zh-Hant": "在應填居住證的位置給出了通行證：應先填居住證，再填通行證。",
    },
    "index_conflict": {
        "en": (
            "The link contradicts a stored one: the residence permit or the travel permit"
            " is already linked to another document."
        ),
        "zh-Hans": "该关联与已存储的关联矛盾：居住证或通行证已关联到另一证件。",
        "zh-Hant": "該關聯與已儲存的關聯矛盾：居住證或通行證已關聯到另一證件。",
    },
    # -- index files (permitcheck.index) ----------------------------------------
    "index_corrupt": {
        "en": (
            "The identity index file is damaged (for example cut short) or is not an SQLite"
            " database; restore it from a backup."
        ),
        "zh-Hans": ("身份索引文件已损坏（例如被截断）或不是 SQLite 数据库；请从备份恢复。"),
        "zh-Hant": ("身分索引檔案已損壞（例如被截斷）或不是 SQLite 資料庫；請從備份還原。"),
    },
    "index_foreign": {
        "en": (
            "The file is not a permitcheck identity index: it is another application's SQLite"
            " database, or an index of an unknown schema version. Nothing was written to it."
        ),
        "zh-Hans": (
            "该文件不是 permitcheck 身份索引：它是其他应用程序的 SQLite 数据库，"
            "或是未知架构版本（schema version）的索引。未向其写入任何内容。"
        ),
        "zh-Hant": (
            "該檔案不是 permitcheck 身分索引：它是其他應用程式的 SQLite 資料庫，"
            "或是未知結構版本（schema version）的索引。未向其寫入任何內容。"
        ),
    },
    "index_unsafe_file": {
        "en": (
            "The identity index file is a symbolic link, or others may read or write it;"
            " it holds personal data, so it must be a regular file with mode 0600."
        ),
        "zh-Hans": (
            "身份索引文件是符号链接，或其他用户可读写；它含有个人信息，须为权限 0600 的普通文件。"
        ),
        "zh-Hant": (
            "身分索引檔案是符號連結，或其他使用者可讀寫；它含有個人資料，須為權限 0600 的一般檔案。"
        ),
    },
    "index_not_writable": {
        "en": (
            "The identity index file or its directory is read-only: the index must be able to"
            " write the file and create its -wal and -shm files beside it."
        ),
        "zh-Hans": (
            "身份索引文件或其所在目录为只读：索引须能写入该文件，并在其旁创建 -wal 与 -shm 文件。"
        ),
        "zh-Hant": (
            "身分索引檔案或其所在目錄為唯讀：索引須能寫入該檔案，並在其旁建立 -wal 與 -shm 檔案。"
        ),
    },
    "index_key": {
        "en": (
            "The pseudonym key does not fit the identity index: it was created with another"
            " key, or the index is plain and needs no key, or is pseudonymised and needs one."
        ),
        "zh-Hans": (
            "假名密钥与身份索引不符："
            "索引以其他密钥创建，或索引未假名化而无需密钥，或已假名化而需要密钥。"
        ),
        "zh-Hant": (
            "假名金鑰與身分索引不符："
            "索引以其他金鑰建立，或索引未假名化而無需金鑰，或已假名化而需要金鑰。"
        ),
    },
    # -- link warnings: codes in PermitLink.warnings, not errors (no exception class)
    "link_letter_region": {
        "en": (
            "The home-return permit's letter (H or M) names the other region than the"
            " residence permit; the letter records where the first application was made,"
            " so the link can be right."
        ),
        "zh-Hans": (
            "回乡证字头（H 或 M）与居住证的地区不同；字头记录的是首次申请地，关联仍可能正确。"
        ),
        "zh-Hant": (
            "回鄉證字頭（H 或 M）與居住證的地區不同；字頭記錄的是首次申請地，關聯仍可能正確。"
        ),
    },
    # -- pseudonym keys (permitcheck.privacy) -----------------------------------
    "weak_secret": {
        "en": (
            "A pseudonym secret must be at least 32 bytes of random data:"
            " use secrets.token_bytes(32) or PseudonymKey.generate()."
        ),
        "zh-Hans": (
            "假名密钥须为至少 32 字节的随机数据：请使用 secrets.token_bytes(32)"
            " 或 PseudonymKey.generate()。"
        ),
        "zh-Hant": (
            "假名金鑰須為至少 32 位元組的隨機資料：請使用 secrets.token_bytes(32)"
            " 或 PseudonymKey.generate()。"
        ),
    },
    # -- input rows (the permitcheck command) -----------------------------------
    "encoding": {
        "en": "The line is not valid UTF-8 text (or not text in the encoding given).",
        "zh-Hans": "该行不是有效的 UTF-8 文本（或不是所指定编码的文本）。",
        "zh-Hant": "該行不是有效的 UTF-8 文字（或不是所指定編碼的文字）。",
    },
    "nul": {
        "en": "The line contains a NUL character.",
        "zh-Hans": "该行含有 NUL 字符。",
        "zh-Hant": "該行含有 NUL 字元。",
    },
    "empty": {
        "en": "The line or field is empty.",
        "zh-Hans": "该行或该字段为空。",
        "zh-Hant": "該行或該欄位為空。",
    },
    "too_long": {
        "en": "The line is longer than 1 MiB and was skipped.",
        "zh-Hans": "该行超过 1 MiB，已跳过。",
        "zh-Hant": "該行超過 1 MiB，已略過。",
    },
    "csv": {
        "en": (
            "The CSV record is malformed: a quoted field is not closed properly (within 100 lines)."
        ),
        "zh-Hans": "CSV 记录格式错误：引号字段未正确闭合（在 100 行之内）。",
        "zh-Hant": "CSV 記錄格式錯誤：引號欄位未正確閉合（在 100 行之內）。",
    },
    "excel_number": {
        "en": (
            "The cell holds an Excel number, not text: Excel keeps only 15 digits and no X,"
            " so the number cannot be checked; store the numbers as text."
        ),
        "zh-Hans": (
            "该单元格是 Excel 数值而非文本：Excel 只保留 15 位数字且不能存 X，"
            "无法检查；请以文本格式保存号码。"
        ),
        "zh-Hant": (
            "該儲存格是 Excel 數值而非文字：Excel 只保留 15 位數字且不能存 X，"
            "無法檢查；請以文字格式儲存號碼。"
        ),
    },
    "column": {
        "en": "The CSV line has no field for the chosen column.",
        "zh-Hans": "CSV 行缺少所选列的字段。",
        "zh-Hant": "CSV 行缺少所選欄的欄位。",
    },
}


# -- other identity documents (permitcheck.documents, permitcheck.identify) ----
# The warning code foreign_permanent_resident_15_check has no exception class.
_DOCUMENTS: dict[ErrorCode, dict[str, str]] = {
    "mainland_id_length": {
        "en": "A Resident Identity Card number has 18 characters.",
        "zh-Hans": "居民身份证号码应为 18 位。",
        "zh-Hant": "居民身份證號碼應為 18 位。",
    },
    "mainland_id_characters": {
        "en": "The first 17 characters must be digits 0-9 and the 18th a digit or X.",
        "zh-Hans": "前 17 位须为数字 0-9，第 18 位须为数字或 X。",
        "zh-Hant": "前 17 位須為數字 0-9，第 18 位須為數字或 X。",
    },
    "mainland_id_residence_permit": {
        "en": (
            "A number starting with 810000, 820000 or 830000 is a Hong Kong, Macao or Taiwan "
            "residence permit, not a Resident Identity Card."
        ),
        "zh-Hans": (
            "以 810000、820000 或 830000 开头的号码是港澳台居民居住证号码，不是居民身份证号码。"
        ),
        "zh-Hant": (
            "以 810000、820000 或 830000 開頭的號碼是港澳台居民居住證號碼，不是居民身份證號碼。"
        ),
    },
    "mainland_id_province": {
        "en": "The first two digits must be a province code (GB/T 2260).",
        "zh-Hans": "前 2 位须为省级行政区划代码（GB/T 2260）。",
        "zh-Hant": "前 2 位須為省級行政區劃代碼（GB/T 2260）。",
    },
    "mainland_id_birth_date": {
        "en": "Characters 7-14 must be a real birth date from 1900-01-01 to today.",
        "zh-Hans": "第 7-14 位须为 1900-01-01 至今日之间的真实出生日期。",
        "zh-Hant": "第 7-14 位須為 1900-01-01 至今日之間的真實出生日期。",
    },
    "mainland_id_checksum": {
        "en": "The check character (the 18th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 18 位）与号码其余部分不符。",
        "zh-Hant": "校驗碼（第 18 位）與號碼其餘部分不符。",
    },
    "mainland_id_address": {
        "en": "The first six digits are not an address code known for the birth year.",
        "zh-Hans": "前 6 位不是出生年份时有效的地址码。",
        "zh-Hant": "前 6 位不是出生年份時有效的地址碼。",
    },
    "mainland_id_15_length": {
        "en": "A 15-digit Resident Identity Card number has 15 digits.",
        "zh-Hans": "15 位居民身份证号码应为 15 位数字。",
        "zh-Hant": "15 位居民身份證號碼應為 15 位數字。",
    },
    "mainland_id_15_characters": {
        "en": "A 15-digit Resident Identity Card number has only digits 0-9.",
        "zh-Hans": "15 位居民身份证号码只能包含数字 0-9。",
        "zh-Hant": "15 位居民身份證號碼只能包含數字 0-9。",
    },
    "mainland_id_15_province": {
        "en": "The first two digits must be a province code (GB/T 2260).",
        "zh-Hans": "前 2 位须为省级行政区划代码（GB/T 2260）。",
        "zh-Hant": "前 2 位須為省級行政區劃代碼（GB/T 2260）。",
    },
    "mainland_id_15_birth_date": {
        "en": "Characters 7-12 must be a real birth date (YYMMDD, 1900-1999).",
        "zh-Hans": "第 7-12 位须为真实的出生日期（YYMMDD，1900-1999 年）。",
        "zh-Hant": "第 7-12 位須為真實的出生日期（YYMMDD，1900-1999 年）。",
    },
    "foreign_permanent_resident_length": {
        "en": (
            "A Foreign Permanent Resident ID Card number has 18 characters (15 on cards "
            "before 2023-12)."
        ),
        "zh-Hans": "外国人永久居留身份证号码应为 18 位（2023 年 12 月前的证件为 15 位）。",
        "zh-Hant": "外國人永久居留身份證號碼應為 18 位（2023 年 12 月前的證件為 15 位）。",
    },
    "foreign_permanent_resident_characters": {
        "en": "The first 17 characters must be digits 0-9 and the 18th a digit or X.",
        "zh-Hans": "前 17 位须为数字 0-9，第 18 位须为数字或 X。",
        "zh-Hant": "前 17 位須為數字 0-9，第 18 位須為數字或 X。",
    },
    "foreign_permanent_resident_prefix": {
        "en": "A Foreign Permanent Resident ID Card number starts with 9.",
        "zh-Hans": "外国人永久居留身份证号码以 9 开头。",
        "zh-Hant": "外國人永久居留身份證號碼以 9 開頭。",
    },
    "foreign_permanent_resident_province": {
        "en": "Characters 2-3 must be a province code (GB/T 2260) of the accepting authority.",
        "zh-Hans": "第 2-3 位须为受理地的省级行政区划代码（GB/T 2260）。",
        "zh-Hant": "第 2-3 位須為受理地的省級行政區劃代碼（GB/T 2260）。",
    },
    "foreign_permanent_resident_nationality": {
        "en": "Characters 4-6 must be a numeric country code (ISO 3166-1).",
        "zh-Hans": "第 4-6 位须为国家和地区数字代码（ISO 3166-1）。",
        "zh-Hant": "第 4-6 位須為國家和地區數字代碼（ISO 3166-1）。",
    },
    "foreign_permanent_resident_birth_date": {
        "en": "Characters 7-14 must be a real birth date from 1900-01-01 to today.",
        "zh-Hans": "第 7-14 位须为 1900-01-01 至今日之间的真实出生日期。",
        "zh-Hant": "第 7-14 位須為 1900-01-01 至今日之間的真實出生日期。",
    },
    "foreign_permanent_resident_checksum": {
        "en": "The check character (the 18th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 18 位）与号码其余部分不符。",
        "zh-Hant": "校驗碼（第 18 位）與號碼其餘部分不符。",
    },
    "foreign_permanent_resident_15_length": {
        "en": (
            "A Foreign Permanent Resident ID Card number of the 2004 or 2017 card has 15 "
            "characters."
        ),
        "zh-Hans": "2004 或 2017 版外国人永久居留证号码应为 15 位。",
        "zh-Hant": "2004 或 2017 版外國人永久居留證號碼應為 15 位。",
    },
    "foreign_permanent_resident_15_format": {
        "en": "The number must be 3 letters followed by 12 digits.",
        "zh-Hans": "号码须为 3 位字母后接 12 位数字。",
        "zh-Hant": "號碼須為 3 位字母後接 12 位數字。",
    },
    "foreign_permanent_resident_15_nationality": {
        "en": "The 3 letters must be a country code (ISO 3166-1 alpha-3).",
        "zh-Hans": "前 3 位字母须为国家和地区代码（ISO 3166-1 三字母代码）。",
        "zh-Hant": "前 3 位字母須為國家和地區代碼（ISO 3166-1 三字母代碼）。",
    },
    "foreign_permanent_resident_15_birth_date": {
        "en": "Characters 8-13 must be a real birth date (YYMMDD).",
        "zh-Hans": "第 8-13 位须为真实的出生日期（YYMMDD）。",
        "zh-Hant": "第 8-13 位須為真實的出生日期（YYMMDD）。",
    },
    "foreign_permanent_resident_15_check": {
        "en": (
            "Warning: the 15th character does not match the 7-3-1 check some sources "
            "describe; that check is not confirmed, so the number is not rejected."
        ),
        "zh-Hans": (
            "提示：第 15 位与部分资料所述的 7-3-1 校验不符；该校验未经证实，号码不因此被拒绝。"
        ),
        "zh-Hant": (
            "提示：第 15 位與部分資料所述的 7-3-1 校驗不符；該校驗未經證實，號碼不因此被拒絕。"
        ),
    },
    "hong_kong_id_length": {
        "en": (
            "A Hong Kong Identity Card number has 8 or 9 characters, the check character in "
            "brackets not counting them."
        ),
        "zh-Hans": "香港身份证号码应为 8 或 9 位（括号不计）。",
        "zh-Hant": "香港身份證號碼應為 8 或 9 位（括號不計）。",
    },
    "hong_kong_id_format": {
        "en": (
            "A Hong Kong Identity Card number is 1 or 2 letters, 6 digits and a check "
            "character (a digit or A), optionally in brackets."
        ),
        "zh-Hans": (
            "香港身份证号码须为 1 或 2 位字母、6 位数字及 1 位校验码（数字或 A，可加括号）。"
        ),
        "zh-Hant": (
            "香港身份證號碼須為 1 或 2 位字母、6 位數字及 1 位校驗碼（數字或 A，可加括號）。"
        ),
    },
    "hong_kong_id_checksum": {
        "en": "The check character (the last) does not match the rest of the number.",
        "zh-Hans": "校验码（最后一位）与号码其余部分不符。",
        "zh-Hant": "校驗碼（最後一位）與號碼其餘部分不符。",
    },
    "macao_id_length": {
        "en": (
            "A Macao Resident Identity Card number has 8 digits, the last one optionally in "
            "brackets."
        ),
        "zh-Hans": "澳门居民身份证号码应为 8 位数字（最后一位可加括号）。",
        "zh-Hant": "澳門居民身份證號碼應為 8 位數字（最後一位可加括號）。",
    },
    "macao_id_format": {
        "en": "A Macao Resident Identity Card number is 8 digits starting with 1, 5 or 7.",
        "zh-Hans": "澳门居民身份证号码须为以 1、5 或 7 开头的 8 位数字。",
        "zh-Hant": "澳門居民身份證號碼須為以 1、5 或 7 開頭的 8 位數字。",
    },
    "taiwan_id_length": {
        "en": "A Taiwan ID number has 10 characters.",
        "zh-Hans": "台湾身份证号码应为 10 位。",
        "zh-Hant": "臺灣身分證號碼應為 10 位。",
    },
    "taiwan_id_format": {
        "en": "A Taiwan ID number is a letter, 1 or 2, and 8 digits.",
        "zh-Hans": "台湾身份证号码须为 1 位字母、1 或 2，再加 8 位数字。",
        "zh-Hant": "臺灣身分證號碼須為 1 位字母、1 或 2，再加 8 位數字。",
    },
    "taiwan_id_checksum": {
        "en": "The check digit (the 10th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 10 位）与号码其余部分不符。",
        "zh-Hant": "檢查碼（第 10 位）與號碼其餘部分不符。",
    },
    "taiwan_resident_certificate_length": {
        "en": "A Taiwan resident certificate number has 10 characters.",
        "zh-Hans": "台湾居留证号码应为 10 位。",
        "zh-Hant": "臺灣居留證號碼應為 10 位。",
    },
    "taiwan_resident_certificate_format": {
        "en": (
            "A Taiwan resident certificate number is a letter, then A, B, C, D, 8 or 9, and 8"
            " digits."
        ),
        "zh-Hans": "台湾居留证号码须为 1 位字母、A/B/C/D/8/9 之一，再加 8 位数字。",
        "zh-Hant": "臺灣居留證號碼須為 1 位字母、A/B/C/D/8/9 之一，再加 8 位數字。",
    },
    "taiwan_resident_certificate_checksum": {
        "en": "The check digit (the 10th) does not match the rest of the number.",
        "zh-Hans": "校验码（第 10 位）与号码其余部分不符。",
        "zh-Hant": "檢查碼（第 10 位）與號碼其餘部分不符。",
    },
    "unknown_document": {
        "en": (
            "The number has the shape of no identity document this library knows (or of none "
            "of those accepted here)."
        ),
        "zh-Hans": "该号码不符合本库所知（或此处接受）的任何证件号码格式。",
        "zh-Hant": "該號碼不符合本庫所知（或此處接受）的任何證件號碼格式。",
    },
}
_CATALOGUE.update(_DOCUMENTS)

#: ``MESSAGES[code][language]`` -> message, for the exact codes of
#: :data:`ErrorCode` and languages of :data:`LANGUAGES`.  Read-only.
MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {code: MappingProxyType(texts) for code, texts in _CATALOGUE.items()}
)

#: Chinese territories (ISO 3166-1) whose locales read Traditional Chinese;
#: every other Chinese locale (CN, SG, MY, none) reads Simplified Chinese.
_HANT_TERRITORIES: Final = frozenset({"tw", "hk", "mo"})
#: Primary language subtags read as Chinese: ``zh`` and the ISO 639-3 codes
#: of Mandarin and Cantonese that some systems send instead.
_CHINESE: Final = frozenset({"zh", "cmn", "yue"})
#: POSIX names for "no locale": the untranslated (English) messages.
_POSIX_DEFAULT: Final = frozenset({"c", "posix"})


def _one_tag(tag: str) -> Language | None:
    """Return the language for one BCP 47 tag or POSIX locale name, or None."""
    # language[_territory][.codeset][@modifier] (POSIX) or
    # language[-script][-region][-...] (BCP 47), in any letter case.
    tag = tag.partition(".")[0].partition("@")[0].strip().replace("_", "-").lower()
    primary, *subtags = tag.split("-")
    if primary == "en" or primary in _POSIX_DEFAULT:
        return "en"
    if primary not in _CHINESE:
        return None
    # An explicit script (zh-Hant-..., zh-Hans-...) wins over the region.
    if "hant" in subtags:
        return "zh-Hant"
    if "hans" in subtags:
        return "zh-Hans"
    if _HANT_TERRITORIES.intersection(subtags):
        return "zh-Hant"
    if primary == "yue" and not subtags:
        return "zh-Hant"  # Cantonese without a region: Hong Kong and Macao write Traditional
    return "zh-Hans"


def resolve_language(tag: str | None, /) -> Language:
    """Return the message language for a language tag, a locale or an ``Accept-Language`` value.

    Accepted, in any letter case: BCP 47 tags (``zh-CN``, ``zh-Hant-TW``,
    ``en-GB``), POSIX locale names (``zh_TW.UTF-8``, ``zh_CN.GB18030@euro``),
    a colon-separated ``LANGUAGE`` list (``fr:zh_TW``) and HTTP
    ``Accept-Language`` values with quality weights (``fr;q=0.9,
    zh-HK;q=0.8``; the supported tag with the highest weight wins, ``q=0``
    means "not this one").  Chinese (``zh``, and ``cmn``/``yue``) is read
    as Traditional (``zh-Hant``) for an explicit ``Hant`` script or the
    regions TW, HK and MO (and ``yue`` alone), as Simplified (``zh-Hans``)
    otherwise (``zh``, ``zh-CN``, ``zh-SG``, ``zh-MY``, ``zh-Hans-HK``).
    ``en-*``, ``C`` and ``POSIX`` are English.

    **Fallback:** anything else -- another language, ``*``, an empty or
    unreadable value, None -- gives ``"en"``.  Never raises for a ``str``.

    >>> resolve_language("zh_HK.UTF-8"), resolve_language("zh-Hans-HK")
    ('zh-Hant', 'zh-Hans')
    >>> resolve_language("fr-CH, fr;q=0.9, zh-TW;q=0.8, en;q=0.7")
    'zh-Hant'
    >>> resolve_language("de-DE")
    'en'
    """
    if tag is None:
        return "en"
    if not isinstance(tag, str):
        raise TypeError(f"expected a str or None, got {type(tag).__name__}")
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(tag.replace(":", ",").split(",")):
        name, *parameters = item.split(";")
        weight = 1.0
        for parameter in parameters:
            key, _, value = parameter.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # an unreadable weight: ignore the tag
        if name.strip() and weight > 0:
            weighted.append((-weight, position, name))
    for _, _, name in sorted(weighted):
        language = _one_tag(name)
        if language is not None:
            return language
    return "en"


#: The variables gettext reads, in its order: the first one set decides.
_LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: Mapping[str, str] | None = None, /) -> Language:
    """Return the message language for the locale in *environ* (default ``os.environ``).

    The first non-empty of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` decides, as Python's :mod:`gettext` reads them; a
    ``LANGUAGE`` list (``fr:zh_TW:en``) is read in order and its first
    supported entry wins.  The value is read by :func:`resolve_language`,
    so anything unsupported gives ``"en"``.  The ``permitcheck`` command
    picks its default language this way.

    >>> language_from_environment({"LANG": "zh_HK.UTF-8"})
    'zh-Hant'
    >>> language_from_environment({"LANGUAGE": "zh_CN", "LC_ALL": "en_US.UTF-8"})
    'zh-Hans'
    >>> language_from_environment({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})
    'en'
    """
    if environ is None:
        environ = os.environ
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return resolve_language(value)
    return "en"


def message(code: ErrorCode, language: str = "en", /) -> str:
    """Return the message for *code* in *language*.

    *language* is anything :func:`resolve_language` reads -- ``en``,
    ``zh-Hans``, ``zh-Hant``, ``zh-CN``, ``zh_TW.UTF-8``, ``en-US``, an
    ``Accept-Language`` value -- and falls back to English.  Raises
    :class:`KeyError` for an unknown code.

    >>> message("length", "zh-Hant")
    '居住證號碼應為 18 位。'
    >>> message("length", "zh-HK") == message("length", "zh_TW.UTF-8")
    True
    >>> message("length", "fr") == message("length", "en")
    True
    """
    texts = MESSAGES[code]
    found = texts.get(language)
    return texts[resolve_language(language)] if found is None else found
