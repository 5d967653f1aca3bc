"""The ``permitcheck`` command's own words, in English, Simplified and Traditional Chinese.

Error-code messages live in :mod:`permitcheck.messages` (they are public);
this module holds only what the command prints around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from permitcheck.messages import LANGUAGES, language_from_environment

__all__ = ["TEXT", "language_from_environment"]

# key -> (en, zh-Hans, zh-Hant); str.format fields in braces.
_TEXT: Final[dict[str, tuple[str, str, str]]] = {
    # -- verdicts, kinds and regions -------------------------------------------
    "valid": ("valid", "有效", "有效"),
    "invalid": ("invalid", "无效", "無效"),
    "kind:residence_permit": ("residence permit", "居住证", "居住證"),
    "kind:home_return": (
        "home-return permit",
        "港澳居民来往内地通行证",
        "港澳居民來往內地通行證",
    ),
    "kind:home_return_non_chinese": (
        "home-return permit (non-Chinese)",
        "港澳居民来往内地通行证（非中国籍）",
        "港澳居民來往內地通行證（非中國籍）",
    ),
    "kind:taiwan_compatriot": (
        "Taiwan compatriot permit",
        "台湾居民来往大陆通行证",
        "台灣居民來往大陸通行證",
    ),
    "kind:travel_permit": ("travel permit", "通行证", "通行證"),
    "region:HK": ("Hong Kong", "香港", "香港"),
    "region:MO": ("Macao", "澳门", "澳門"),
    "region:TW": ("Taiwan", "台湾", "台灣"),
    "kind_region": ("{kind}, {region}", "{kind}，{region}", "{kind}，{region}"),
    "no_number": ("(no number)", "（无号码）", "（無號碼）"),
    # -- summary and progress (stderr) -----------------------------------------
    "summary": (
        "rows: {rows}, valid: {valid}, invalid: {invalid}",
        "行数：{rows}，有效：{valid}，无效：{invalid}",
        "行數：{rows}，有效：{valid}，無效：{invalid}",
    ),
    "progress": ("rows checked: {rows}", "已检查 {rows} 行", "已檢查 {rows} 行"),
    "kind_count": (
        "  {kind}: {valid} valid, {invalid} invalid",
        "  {kind}：有效 {valid}，无效 {invalid}",
        "  {kind}：有效 {valid}，無效 {invalid}",
    ),
    "mixed_kinds": (
        "permitcheck: warning: the input mixes kinds ({kinds}); with --kind auto each row is"
        " judged as the kind its shape suggests: give --kind residence or --kind travel to"
        " judge every row as one kind",
        "permitcheck：警告：输入混有多种证件（{kinds}）；--kind auto 按号码形状判断每行的证件种类："
        "如需按同一种证件判断每一行，请使用 --kind residence 或 --kind travel",
        "permitcheck：警告：輸入混有多種證件（{kinds}）；--kind auto 按號碼形狀判斷每行的證件種類："
        "如需按同一種證件判斷每一行，請使用 --kind residence 或 --kind travel",
    ),
    "at_line": ("(line {line})", "（第 {line} 行）", "（第 {line} 行）"),
    # -- errors (one line on stderr, exit status 2) -------------------------------
    "error": (
        "permitcheck: error: {message}",
        "permitcheck：错误：{message}",
        "permitcheck：錯誤：{message}",
    ),
    "cannot_read": (
        "cannot read {path}: {reason}",
        "无法读取 {path}：{reason}",
        "無法讀取 {path}：{reason}",
    ),
    "cannot_write": (
        "cannot write the output: {reason}",
        "无法写入输出：{reason}",
        "無法寫入輸出：{reason}",
    ),
    "no_input": (
        "give NUMBER arguments or -i FILE (-i - reads standard input)",
        "请给出号码参数或 -i 文件（-i - 读取标准输入）",
        "請給出號碼參數或 -i 檔案（-i - 讀取標準輸入）",
    ),
    "both_inputs": (
        "give NUMBER arguments or -i FILE, not both",
        "号码参数与 -i 文件只能二选一",
        "號碼參數與 -i 檔案只能二選一",
    ),
    "no_polars": (
        "--engine polars needs Polars: pip install 'permitcheck[polars]'",
        "--engine polars 需要 Polars：pip install 'permitcheck[polars]'",
        "--engine polars 需要 Polars：pip install 'permitcheck[polars]'",
    ),
    "column_needs_input": (
        "--column needs -i FILE",
        "--column 须与 -i 文件一起使用",
        "--column 須與 -i 檔案一起使用",
    ),
    "bad_delimiter": (
        "--delimiter must be one character other than a quote or a line break",
        "--delimiter 须为单个字符，且不能是引号或换行",
        "--delimiter 須為單個字元，且不能是引號或換行",
    ),
    "region_kind": (
        "--region does not fit --kind: Taiwan compatriot permits are TW, home-return permits HK"
        " or MO",
        "--region 与 --kind 不符：台湾居民来往大陆通行证为 TW，港澳居民来往内地通行证为 HK 或 MO",
        "--region 與 --kind 不符：台灣居民來往大陸通行證為 TW，港澳居民來往內地通行證為 HK 或 MO",
    ),
    "residence_only": (
        "--sex, --min-birth-date, --max-birth-date and --invalid only apply to residence permits",
        "--sex、--min-birth-date、--max-birth-date 和 --invalid 仅适用于居住证",
        "--sex、--min-birth-date、--max-birth-date 和 --invalid 僅適用於居住證",
    ),
    "travel_only": (
        "--form only applies to travel permits",
        "--form 仅适用于通行证",
        "--form 僅適用於通行證",
    ),
    "no_legacy": (
        "the HA/MA permit (since 2024) has no legacy form",
        "HA/MA 字头通行证（2024 年起）没有旧版格式",
        "HA/MA 字頭通行證（2024 年起）沒有舊版格式",
    ),
    "invalid_alone": (
        "--invalid cannot be combined with --region, --sex or birth dates",
        "--invalid 不能与 --region、--sex 或出生日期选项同时使用",
        "--invalid 不能與 --region、--sex 或出生日期選項同時使用",
    ),
    "bad_birth_dates": (
        "birth dates must run from 1900-01-01 at the earliest to today (UTC+8) at the latest",
        "出生日期范围须在 1900-01-01 至今日（UTC+8）之间",
        "出生日期範圍須在 1900-01-01 至今日（UTC+8）之間",
    ),
    "bad_count": ("--count must not be negative", "--count 不能为负数", "--count 不能為負數"),
    "encoding_note": (
        "permitcheck: note: some lines are not UTF-8; the input looks like {encoding} text:"
        " try --encoding {encoding}",
        "permitcheck：提示：部分行不是 UTF-8；输入似乎是 {encoding} 文本："
        "请试用 --encoding {encoding}",
        "permitcheck：提示：部分行不是 UTF-8；輸入似乎是 {encoding} 文字："
        "請試用 --encoding {encoding}",
    ),
    "bad_header_hint": (
        "the CSV header line cannot be read: {message} The input looks like {codec} text:"
        " try --encoding {codec}",
        "无法读取 CSV 表头行：{message}输入似乎是 {codec} 文本：请试用 --encoding {codec}",
        "無法讀取 CSV 標頭列：{message}輸入似乎是 {codec} 文字：請試用 --encoding {codec}",
    ),
    "bad_encoding": (
        "unknown text encoding {encoding!r} (give a codec Python knows, such as gb18030,"
        " big5 or utf-16)",
        "未知的文本编码 {encoding!r}（请给出 Python 支持的编码，如 gb18030、big5 或 utf-16）",
        "未知的文字編碼 {encoding!r}（請給出 Python 支援的編碼，如 gb18030、big5 或 utf-16）",
    ),
    "excel_note": (
        "permitcheck: note: cells holding Excel numbers were not checked: Excel keeps 15 digits"
        " and no X; format the column as Text and enter the numbers again",
        "permitcheck：提示：含 Excel 数值的单元格未检查：Excel 只保留 15 位数字且不能存 X；"
        "请将该列设为文本格式并重新输入号码",
        "permitcheck：提示：含 Excel 數值的儲存格未檢查：Excel 只保留 15 位數字且不能存 X；"
        "請將該欄設為文字格式並重新輸入號碼",
    ),
    "needs_excel": (
        "reading Excel workbooks needs openpyxl: pip install 'permitcheck[excel]'",
        "读取 Excel 工作簿需要 openpyxl：pip install 'permitcheck[excel]'",
        "讀取 Excel 活頁簿需要 openpyxl：pip install 'permitcheck[excel]'",
    ),
    "bad_workbook": (
        "cannot read the workbook {path}: {reason}",
        "无法读取工作簿 {path}：{reason}",
        "無法讀取活頁簿 {path}：{reason}",
    ),
    "no_sheet": (
        "sheet {sheet!r} is not in the workbook (sheets: {sheets})",
        "工作簿中没有工作表 {sheet!r}（现有工作表：{sheets}）",
        "活頁簿中沒有工作表 {sheet!r}（現有工作表：{sheets}）",
    ),
    "no_sheet_column": (
        "column {column!r} is not in the sheet's first row (columns: {columns})",
        "工作表首行中没有列 {column!r}（现有列：{columns}）",
        "工作表首列中沒有欄 {column!r}（現有欄：{columns}）",
    ),
    "sheet_needs_workbook": (
        "--sheet needs an Excel workbook (.xlsx) as -i FILE",
        "--sheet 须与 Excel 工作簿（.xlsx）的 -i 文件一起使用",
        "--sheet 須與 Excel 活頁簿（.xlsx）的 -i 檔案一起使用",
    ),
    "keep_needs_column": (
        "--keep-columns needs --column (a CSV file or a workbook)",
        "--keep-columns 须与 --column 一起使用（CSV 文件或工作簿）",
        "--keep-columns 須與 --column 一起使用（CSV 檔案或活頁簿）",
    ),
    "keep_needs_format": (
        "--keep-columns needs --format csv or --format json",
        "--keep-columns 须与 --format csv 或 --format json 一起使用",
        "--keep-columns 須與 --format csv 或 --format json 一起使用",
    ),
    "see_help": (
        "(see '{prog} --help')",
        "（参见 '{prog} --help'）",
        "（參見 '{prog} --help'）",
    ),
    "no_header": (
        "the input has no CSV header line",
        "输入没有 CSV 表头行",
        "輸入沒有 CSV 標頭列",
    ),
    "bad_header": (
        "the CSV header line cannot be read: {message}",
        "无法读取 CSV 表头行：{message}",
        "無法讀取 CSV 標頭列：{message}",
    ),
    "no_column": (
        "column {column!r} is not in the CSV header (columns: {columns})",
        "CSV 表头中没有列 {column!r}（现有列：{columns}）",
        "CSV 標頭中沒有欄 {column!r}（現有欄：{columns}）",
    ),
    # -- link --------------------------------------------------------------------
    "linked": ("linked", "可以关联", "可以關聯"),
    "not_linked": ("not linked", "不能关联", "不能關聯"),
    "warnings": ("warnings:", "警告：", "警告："),
    "errors": ("errors:", "错误：", "錯誤："),
    # -- explain -----------------------------------------------------------------
    "explain_title": (
        "{number}: {verdict} ({what})",
        "{number}：{verdict}（{what}）",
        "{number}：{verdict}（{what}）",
    ),
    "explain_title_unknown": ("{number}: {verdict}", "{number}：{verdict}", "{number}：{verdict}"),
    "label": ("{name}: {text}", "{name}：{text}", "{name}：{text}"),
    "parts": ("parts:", "组成部分：", "組成部分："),
    "rules": ("rules:", "规则：", "規則："),
    "passed": ("passed", "通过", "通過"),
    "failed": ("failed", "未通过", "未通過"),
    "not_checked": ("not checked", "未检查", "未檢查"),
    "hidden": (
        "hidden (add --unmasked to show)",
        "已隐藏（加 --unmasked 显示）",
        "已隱藏（加 --unmasked 顯示）",
    ),
    "part:address_code": ("address code", "地址码", "地址碼"),
    "part:birth_date": ("birth date", "出生日期码", "出生日期碼"),
    "part:sequence": ("sequence code", "顺序码", "順序碼"),
    "part:check_character": ("check character", "校验码", "校驗碼"),
    "part:letter": ("letter", "字头", "字頭"),
    "part:lifelong_number": ("lifelong number", "终身号", "終身號"),
    "part:renewal_count": ("renewal count", "换证次数", "換證次數"),
    "part:issue_count": ("issue count", "签发次数", "簽發次數"),
    "part:issuing_office": ("issuing office code", "签发机关代码", "簽發機關代碼"),
    "not_a_region": (
        "not a Hong Kong, Macao or Taiwan code",
        "不是港澳台地址码",
        "不是港澳台地址碼",
    ),
    "not_a_date": ("not a valid birth date", "不是有效的出生日期", "不是有效的出生日期"),
    "male": (
        "the 17th digit is odd: male",
        "第 17 位为奇数：男性",
        "第 17 位為奇數：男性",
    ),
    "female": (
        "the 17th digit is even: female",
        "第 17 位为偶数：女性",
        "第 17 位為偶數：女性",
    ),
    "check_matches": (
        "matches (ISO 7064 MOD 11-2)",
        "正确（ISO 7064 MOD 11-2）",
        "正確（ISO 7064 MOD 11-2）",
    ),
    "check_expected": (
        "expected {expected} (ISO 7064 MOD 11-2)",
        "应为 {expected}（ISO 7064 MOD 11-2）",
        "應為 {expected}（ISO 7064 MOD 11-2）",
    ),
    "letter:H": (
        "first application made in Hong Kong",
        "首次在香港申请",
        "首次在香港申請",
    ),
    "letter:M": ("first application made in Macao", "首次在澳门申请", "首次在澳門申請"),
    "letter:HA": (
        "non-Chinese permanent resident of Hong Kong",
        "香港永久性居民中的非中国籍人员",
        "香港永久性居民中的非中國籍人員",
    ),
    "letter:MA": (
        "non-Chinese permanent resident of Macao",
        "澳门永久性居民中的非中国籍人员",
        "澳門永久性居民中的非中國籍人員",
    ),
    "lifelong": ("never changes for the holder", "终身不变", "終身不變"),
    "renewals": (
        "{count} (00 is the first card)",
        "{count}（00 为首次发证）",
        "{count}（00 為首次發證）",
    ),
    "issues": ("{count}", "{count}", "{count}"),
    "office": ("issuing office {office}", "签发机关 {office}", "簽發機關 {office}"),
    "rule:encoding": ("is valid UTF-8 text", "为有效的 UTF-8 文本", "為有效的 UTF-8 文字"),
    "rule:length": ("has 18 characters", "共 18 位", "共 18 位"),
    "rule:characters": (
        "digits 0-9, with X allowed only as the 18th",
        "数字 0-9，仅第 18 位可为 X",
        "數字 0-9，僅第 18 位可為 X",
    ),
    "rule:region": (
        "starts with 810000, 820000 or 830000",
        "以 810000、820000 或 830000 开头",
        "以 810000、820000 或 830000 開頭",
    ),
    "rule:birth_date": (
        "characters 7-14 are a real date from 1900-01-01 to today",
        "第 7-14 位为 1900-01-01 至今日之间的真实日期",
        "第 7-14 位為 1900-01-01 至今日之間的真實日期",
    ),
    "rule:checksum": (
        "the 18th character is the ISO 7064 MOD 11-2 check character",
        "第 18 位为 ISO 7064 MOD 11-2 校验码",
        "第 18 位為 ISO 7064 MOD 11-2 校驗碼",
    ),
    "rule:travel_length": (
        "has the length its prefix calls for: H or M 9 or 11, HA or MA 9, digits 8, 10 or 13",
        "位数与字头相符：H 或 M 为 9 或 11 位，HA 或 MA 为 9 位，数字开头为 8、10 或 13 位",
        "位數與字頭相符：H 或 M 為 9 或 11 位，HA 或 MA 為 9 位，數字開頭為 8、10 或 13 位",
    ),
    "rule:travel_characters": (
        "only digits 0-9, letters and round brackets",
        "仅含数字 0-9、英文字母和圆括号",
        "僅含數字 0-9、英文字母和圓括號",
    ),
    "rule:travel_format": (
        "H or M + 8 or 10 digits, HA or MA + 7 digits, or 8 or 10 digits (Taiwan)",
        "H 或 M 加 8 或 10 位数字、HA 或 MA 加 7 位数字，或 8 或 10 位数字（台湾）",
        "H 或 M 加 8 或 10 位數字、HA 或 MA 加 7 位數字，或 8 或 10 位數字（台灣）",
    ),
}

#: ``TEXT[language][key]`` -> the command's text for *key*.
#: Each language's mapping also holds its own tag under ``"language"``.
TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    language: {"language": language} | {key: texts[position] for key, texts in _TEXT.items()}
    for position, language in enumerate(LANGUAGES)
}
