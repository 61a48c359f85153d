#!/usr/bin/env python3
"""Writes tests/fixtures/articles.jsonl: small contract article objects
(newslens.article/1) for the API tests and the browser test, with offsets
computed here (Python str indexing = Unicode code points, as the contract)."""
import json, os

def find(text, needle, after=0):
    i = text.index(needle, after)
    return i, i + len(needle)

def mention(text, needle, after=0):
    s, e = find(text, needle, after)
    return {"start": s, "end": e, "text": needle}

def article(id, title, published, outlet, text, quotes, entities, narratives=(), roles=(), lang="en", url=None):
    paras, pos = [], 0
    for p in text.split("\n\n"):
        paras.append({"start": pos, "end": pos + len(p)})
        pos += len(p) + 2
    return {"schema": "newslens.article/1", "id": id, "title": title, "published": published, "lang": lang,
            "byline": None, "credits": [], "text": text, "boilerplate": [],
            "source": {"path": id, "url": url, "outlet": outlet, "format": "jsonl"},
            "paragraphs": paras, "sentences": paras, "entities": list(entities), "quotes": list(quotes),
            "dates": [], "narratives": list(narratives), "roles": list(roles)}

def quote(text, content, kind, cue, speaker_text, name, entity, said_on=None, after=0, speaker_after=0):
    s, e = find(text, content, after)
    sp = None
    if speaker_text:
        ss, se = find(text, speaker_text, speaker_after)
        sp = {"text": speaker_text, "start": ss, "end": se, "name": name, "entity": entity}
    return {"text": content, "start": s, "end": e, "kind": kind, "cue": cue, "speaker": sp, "said_on": said_on}

out = []

t = ("The foreign ministers of Ukraine and Turkey agreed on Friday to resume talks on grain shipments, officials said.\n\n"
     "\"We are ready to meet again next week. But the terms must be clear,\" Sergei Ivanov told reporters in Geneva. "
     "Ivanov said the West had ignored every warning.\n\n"
     "Maria Lopez, a spokeswoman for the ministry, said: \"Ukraine will not accept ultimatums.\"")
out.append(article("geneva-talks", "Ministers agree to resume grain talks in Geneva", "2023-03-03", "Example Daily", t,
    [quote(t, "We are ready to meet again next week. But the terms must be clear", "direct", "told", "Sergei Ivanov", "Sergei Ivanov", "E3"),
     quote(t, "the West had ignored every warning", "indirect", "said", "Ivanov", "Sergei Ivanov", "E3", said_on="2023-03-03", speaker_after=t.index("Geneva.")),
     quote(t, "Ukraine will not accept ultimatums.", "direct", "said", "Maria Lopez", "Maria Lopez", "E4")],
    [{"id": "E1", "name": "Ukraine", "type": "location", "actor": "ukraine",
      "mentions": [mention(t, "Ukraine"), mention(t, "Ukraine", t.index("\"Ukraine") )]},
     {"id": "E2", "name": "Geneva", "type": "location", "actor": None, "mentions": [mention(t, "Geneva")]},
     {"id": "E3", "name": "Sergei Ivanov", "type": "person", "actor": None,
      "mentions": [mention(t, "Sergei Ivanov"), mention(t, "Ivanov", t.index("Geneva."))]},
     {"id": "E4", "name": "Maria Lopez", "type": "person", "actor": None, "mentions": [mention(t, "Maria Lopez")]}],
    narratives=[{"narrative": "URW: Blaming the war on others rather than the invader",
                 "subnarrative": "URW: Blaming the war on others rather than the invader: The West are the aggressors",
                 "score": 0.71, "evidence": [dict(zip(("start", "end"), find(t, "Ivanov said the West had ignored every warning.")))]}],
    roles=[{"entity": "E3", "main": "Antagonist", "fine": ["Instigator"], "score": 0.64},
           {"entity": "E1", "main": "Protagonist", "fine": ["Guardian"], "score": 0.58}],
    url="https://example.com/geneva"))

t = ("Москва — Пресс-секретарь Дмитрий Песков заявил, что переговоры «пока не дали результата» 🙂.\n\n"
     "«Мы продолжим диалог», — сказал Песков журналистам.")
out.append(article("moscow-ru", "Песков: переговоры не дали результата", "2023-04-12", "Пример Ньюс", t,
    [quote(t, "пока не дали результата", "partial", "заявил", "Дмитрий Песков", "Дмитрий Песков", "E1"),
     quote(t, "Мы продолжим диалог", "direct", "сказал", "Песков", "Дмитрий Песков", "E1", speaker_after=t.index("сказал"))],
    [{"id": "E1", "name": "Дмитрий Песков", "type": "person", "actor": None,
      "mentions": [mention(t, "Дмитрий Песков"), mention(t, "Песков", t.index("сказал"))]},
     {"id": "E2", "name": "Москва", "type": "location", "actor": None, "mentions": [mention(t, "Москва")]}],
    narratives=[{"narrative": "URW: Discrediting Ukraine", "subnarrative": None, "score": 0.55,
                 "evidence": [dict(zip(("start", "end"), find(t, "«Мы продолжим диалог», — сказал Песков журналистам.")))]}],
    lang="ru"))

t = ("<img src=x onerror=alert(2)> appeared in the page. "
     "Sergei Ivanov said \"</script><script>alert(3)</script>\" is not a quote.\n\n"
     "Nothing else happened & nobody <b>cared</b>.")
out.append(article("xss-test", "<script>alert(1)</script>", "2023-05-01", "<i>Evil Outlet</i>", t,
    [quote(t, "</script><script>alert(3)</script>", "direct", "said", "Sergei Ivanov", "Sergei Ivanov", "E1")],
    [{"id": "E1", "name": "Sergei Ivanov", "type": "person", "actor": None, "mentions": [mention(t, "Sergei Ivanov")]}],
    url="javascript:alert(4)"))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "articles.jsonl")
with open(path, "w") as f:
    for a in out:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
