"""Label keys and vocabulary answers are remembered, and never across vocabularies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.pack import load_rulebook
from auditor.recognise import labels

LABELS = st.text(alphabet=st.sampled_from(list("其中：含（）()A/B 全年预算数执行率1.、一二\n\t万元")),
                 max_size=20)


@settings(max_examples=300, deadline=None)
@given(LABELS)
def test_cached_keys_are_the_computed_ones(text):
    assert labels.label_key(text) == labels.label_key.__wrapped__(text)
    assert labels.compact(text) == labels.compact.__wrapped__(text)


def test_a_repeated_label_is_computed_once():
    labels.label_key.cache_clear()
    for _ in range(100):
        labels.label_key("其中：全年预算数（A）")
    info = labels.label_key.cache_info()
    assert info.misses == 1 and info.hits == 99


def test_a_pack_vocabulary_answers_for_itself(tmp_path):
    pack = tmp_path / "region.yaml"
    pack.write_text("pack: region\nvocabulary:\n  selfeval.fund_columns:\n    terms:\n"
                    "      全年预算数: [调整预算数]\nrules: []\n", encoding="utf-8")
    shipped = load_rulebook().vocabulary
    assert shipped.name_of("selfeval.fund_columns", "调整预算数") is None
    extended = load_rulebook([str(pack)]).vocabulary
    assert extended.name_of("selfeval.fund_columns", "调整预算数") == "全年预算数"
    # Asked again after the extended one answered: the shipped memo is its own.
    assert load_rulebook().vocabulary.name_of("selfeval.fund_columns", "调整预算数") is None
    assert shipped.name_of("selfeval.fund_columns", "调整预算数") is None


def test_the_vocabulary_memo_stays_bounded():
    group = load_rulebook().vocabulary.group("selfeval.fund_columns")
    for i in range(10_000):
        group.name_of(f"标签{i}")
    assert len(group._cache) <= 4096
    assert group.name_of("全年预算数") == "全年预算数"
