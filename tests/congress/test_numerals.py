import pytest

from congress.numerals import hanzi_number, ordinal_en


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (4, "四"), (10, "十"), (14, "十四"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_it_writes_numbers_as_the_congress_does(n, text):
    assert hanzi_number(n) == text


def test_it_refuses_numbers_it_cannot_write():
    with pytest.raises(ValueError, match="outside"):
        hanzi_number(100)


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (14, "14th"), (22, "22nd")]
)
def test_it_writes_english_ordinals(n, text):
    assert ordinal_en(n) == text
