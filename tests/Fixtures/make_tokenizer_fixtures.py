#!/usr/bin/env python3
"""Golden fixtures for the Tokenizer, computed by Keras 2's own keras/preprocessing/text.py.

Regenerate (deterministic; needs Debian's python3-numpy and Keras 2's text.py, e.g. from tf-keras or keras 2.x):

    PYTHONHASHSEED=0 /usr/bin/python3 tests/Fixtures/make_tokenizer_fixtures.py path/to/keras/preprocessing/text.py

text.py is loaded on its own, its one TensorFlow import (the keras_export decorator) replaced by a no-op, so
neither TensorFlow nor Keras needs to be installed. Writes tests/Fixtures/text/tokenizer.json:

    {"cases": [{"name",
                "settings":      Tokenizer(**settings),
                "fit":           [{"texts": [...]} or {"word_lists": [[...]]} or {"sequences": [[...]]}, ...] in order,
                "sequences":     texts_to_sequences(first fitted texts),
                "matrices":      {"binary"|"count"|"tfidf"|"freq": texts_to_matrix(first fitted texts, mode)},
                "json":          tokenizer.to_json()}],
     "hashing_md5": [{"text", "n", "indices": hashing_trick(text, n, hash_function="md5")}]}

Matrices are float64, printed with repr. word_docs (and the order of new index_docs entries) follow Python's set
order, which depends on the string hash seed: PYTHONHASHSEED=0 makes the file reproducible; a C# fit is compared with
these two as dictionaries, and everything else in order.
"""
import importlib.util
import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))


def load_keras_text(path):
    export = types.ModuleType("tensorflow.python.util.tf_export")
    export.keras_export = lambda *names, **kwargs: (lambda target: target)
    for name in ["tensorflow", "tensorflow.python", "tensorflow.python.util"]:
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["tensorflow.python.util.tf_export"] = export
    spec = importlib.util.spec_from_file_location("keras2_text", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ANIMALS = ["The cat sat on the mat.", "The dog sat on the log.", "Dogs and cats living together."]
SONG = [
    "There was a time that the pieces fit, but I watched them fall away",
    "Mildewed and smoldering, strangled by our coveting",
    "I've done the math enough to know the dangers of our second guessing",
]
CASES = [
    # text_test.py's test_tokenizer corpus, then fit_on_sequences of its own sequences.
    ("animals_num_words", {"num_words": 10}, [{"texts": ANIMALS}, {"sequences_of_texts": 0}]),
    # text_test.py's test_tokenizer_serde_fitting corpus.
    ("song_serde", {"num_words": 100}, [{"texts": SONG}, {"sequences_of_texts": 0}]),
    # No num_words: the matrix width is len(word_index) + 1; an OOV token at index 1.
    ("animals_oov", {"oov_token": "<unk>"}, [{"texts": ANIMALS}]),
    # The OOV token also occurs in the texts: it keeps its ranked index and index 1 is unused.
    ("oov_seen_in_texts", {"oov_token": "unk"}, [{"texts": ["unk a b unk", "b unk"]}]),
    # text_test.py's test_sequential_fit: texts, then lists of words, counted together.
    ("texts_then_word_lists", {}, [{"texts": ANIMALS},
                                   {"word_lists": [["The", "cat", "is", "sitting"], ["The", "dog", "is", "standing"]]}]),
    # Character level, case kept, characters JSON must escape (quote, backslash, tab, non-ASCII, astral).
    ("characters_escaped", {"char_level": True, "lower": False},
     [{"texts": ['Ça "va"\\ bien\t', "naïve 😀 café"]}]),
    # Fit again: counts add up and the ranks change; index_docs keeps entries of earlier fits.
    ("fitted_twice", {"split": "-", "filters": "!"}, [{"texts": ["a-b-b"]}, {"texts": ["a-a-c!"]}]),
    # Sequences only: tfidf needs document_count and index_docs but no word index.
    ("sequences_only", {"num_words": 6}, [{"sequences": [[1, 2, 2], [3, 9], []]}]),
    # Nothing fitted (text_test.py's test_tokenizer_serde_no_fitting).
    ("unfitted", {"num_words": 100}, []),
]


def run_case(text, name, settings, steps):
    tokenizer = text.Tokenizer(**settings)
    first_texts = None
    for step in steps:
        if "texts" in step or "word_lists" in step:
            data = step.get("texts", step.get("word_lists"))
            tokenizer.fit_on_texts(data)
            if first_texts is None:
                first_texts = data
        elif "sequences" in step:
            tokenizer.fit_on_sequences(step["sequences"])
        else:
            step["sequences"] = tokenizer.texts_to_sequences(first_texts)
            del step["sequences_of_texts"]
            tokenizer.fit_on_sequences(step["sequences"])
    case = {"name": name, "settings": settings, "fit": steps}
    if first_texts is not None:
        case["sequences"] = tokenizer.texts_to_sequences(first_texts)
        case["matrices"] = {mode: tokenizer.texts_to_matrix(first_texts, mode).tolist()
                            for mode in ["binary", "count", "tfidf", "freq"]}
    elif steps:
        sequences = steps[0]["sequences"]
        case["sequences"] = sequences
        case["matrices"] = {mode: tokenizer.sequences_to_matrix(sequences, mode).tolist()
                            for mode in ["binary", "count", "tfidf", "freq"]}
    case["json"] = tokenizer.to_json()
    # The loaded tokenizer writes the same JSON (Keras's own round trip).
    assert text.tokenizer_from_json(case["json"]).to_json() == case["json"], name
    return case


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text = load_keras_text(sys.argv[1])
    cases = [run_case(text, name, dict(settings), [dict(s) for s in steps]) for name, settings, steps in CASES]
    hashing = [{"text": t, "n": n, "indices": text.hashing_trick(t, n, hash_function="md5")}
               for t, n in [("The cat sat on the mat.", 5), ("The cat sat on the mat.", 1000),
                            ("Naïve café, 😀!", 2 ** 31 - 1)]]
    os.makedirs(os.path.join(HERE, "text"), exist_ok=True)
    with open(os.path.join(HERE, "text", "tokenizer.json"), "w", encoding="utf-8") as out:
        # One case per line, to read and to diff.
        line = lambda value: json.dumps(value, ensure_ascii=False)
        out.write('{"cases": [\n' + ",\n".join(map(line, cases)) + '],\n')
        out.write(' "hashing_md5": [\n' + ",\n".join(map(line, hashing)) + ']}\n')


if __name__ == "__main__":
    main()
