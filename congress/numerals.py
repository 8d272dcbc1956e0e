"""Numbers written the way the congress writes them (第十四届, 第四次会议)."""

DIGITS = "零一二三四五六七八九"


def hanzi_number(n: int) -> str:
    """1..99 in Chinese numerals: 4 → 四, 10 → 十, 14 → 十四, 20 → 二十, 23 → 二十三."""
    if not 0 < n < 100:
        raise ValueError(f"{n} is outside 1..99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return head + "十" + (DIGITS[ones] if ones else "")


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
