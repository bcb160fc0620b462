from mafqud.ingest.digits import ascii_digits, clean_text


def test_eastern_and_persian_digits_become_ascii() -> None:
    assert ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert ascii_digits("فرع ٢١٥") == "فرع 215"
    assert ascii_digits("٣٫٥") == "3.5"


def test_clean_text_removes_direction_marks_and_folds_spaces() -> None:
    assert clean_text("\u200fمحمد\u200e  \u00a0أحمد\ufeff ") == "محمد أحمد"
    assert clean_text("\u202bالحلبي\u202c") == "الحلبي"


def test_clean_text_keeps_zero_width_non_joiner() -> None:
    # Part of Persian and Kurdish spellings, so never removed.
    assert clean_text("می\u200cخواهم") == "می\u200cخواهم"


def test_clean_text_composes_to_nfc() -> None:
    decomposed = "ا\u0653"  # alef + madda above
    assert clean_text(decomposed) == "آ"


def test_clean_text_turns_control_characters_into_spaces() -> None:
    assert clean_text("محمد\x00أحمد") == "محمد أحمد"
    assert clean_text("Ali\x00\x07 Hasan\x7f") == "Ali Hasan"
