#!/usr/bin/env python3
"""Writes assets/openapi.json (the OpenAPI 3 document served at
/api/openapi.json). Edit this file, run it, commit both."""
import json, os

def s(t, desc=None, nullable=False, **kw):
    d = {"type": [t, "null"] if nullable else t}
    if desc: d["description"] = desc
    d.update(kw)
    return d

def ref(name): return {"$ref": f"#/components/schemas/{name}"}

def page(item):
    return {"type": "object", "required": ["total", "items"], "properties": {
        "total": s("integer", "rows matching the query over all pages", minimum=0),
        "items": {"type": "array", "items": ref(item)}}}

def param(name, desc, schema=None, required=False, where="query"):
    return {"name": name, "in": where, "required": required, "description": desc,
            "schema": schema or {"type": "string", "maxLength": 500}}

limit = param("limit", "page size (default 20)", {"type": "integer", "minimum": 1, "maximum": 500, "default": 20})
offset = param("offset", "rows to skip", {"type": "integer", "minimum": 0, "default": 0})
date = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}

def resp(schema, desc="OK", errors=(400,)):
    r = {"200": {"description": desc, "content": {"application/json": {"schema": schema}}}}
    for code in errors:
        r[str(code)] = {"$ref": {400: "#/components/responses/BadRequest", 404: "#/components/responses/NotFound"}[code]}
    r["500"] = {"$ref": "#/components/responses/Internal"}
    r["503"] = {"$ref": "#/components/responses/Busy"}
    return r

def op(summary, op_id, params, schema, errors=(400,), desc=None):
    o = {"summary": summary, "operationId": op_id, "parameters": params, "responses": resp(schema, errors=errors)}
    if desc: o["description"] = desc
    return {"get": o}

span = {"type": "object", "required": ["start", "end"], "properties": {
    "start": s("integer", "code-point offset into text", minimum=0), "end": s("integer", "exclusive", minimum=0)}}
quote_row = {"type": "object", "required": ["article", "index", "text", "kind", "start", "end"], "properties": {
    "article": s("string", "the article's id"), "title": s("string", nullable=True),
    "outlet": s("string", nullable=True), "published": s("string", nullable=True),
    "index": s("integer", "position in the article's quotes array", minimum=0),
    "text": s("string", "the quoted or reported content (untrusted text)"),
    "kind": s("string", enum=["direct", "partial", "indirect"]),
    "cue": s("string", nullable=True), "speaker_text": s("string", "the speaker as written", nullable=True),
    "speaker": s("string", "resolved speaker name", nullable=True),
    "speaker_id": s("string", "store entity id of the speaker", nullable=True),
    "said_on": s("string", nullable=True), "date": s("string", "said_on, else the article's date", nullable=True),
    "start": s("integer", minimum=0), "end": s("integer", minimum=0)}}
entity_row = {"type": "object", "required": ["id", "name", "type", "articles", "mentions", "quotes"], "properties": {
    "id": s("string", "stable store id: the actor-base id, else type:slug"), "name": s("string"),
    "type": s("string", enum=["person", "organization", "location", "other"]),
    "actor": s("string", nullable=True), "articles": s("integer", minimum=0),
    "mentions": s("integer", minimum=0), "quotes": s("integer", minimum=0)}}
doc = {
  "openapi": "3.1.0",
  "info": {"title": "newslens API", "version": "1",
           "description": "Read-only JSON API over a newslens database (`newslens serve`). Only GET and HEAD are answered; other methods get 405. List endpoints answer {\"total\", \"items\"}. Errors answer {\"error\": {\"status\", \"message\"}}. All text comes from articles and is untrusted: escape it. Offsets are Unicode code points into the article's text."},
  "servers": [{"url": "/"}],
  "paths": {
    "/api/articles": op("Articles, newest first, or by relevance with q", "listArticles",
        [param("q", "full-text query over title and text"), limit, offset], ref("ArticlePage"),
        desc="With q, the 1,000 most recently stored matches are ranked by relevance (bm25) and come first; "
             "older matches follow, most recently stored first. total counts every match."),
    "/api/articles/{id}": op("One article: the contract's newslens.article/1 object", "getArticle",
        [param("id", "the article's id (may contain '/')", {"type": "string"}, True, "path")], ref("Article"), errors=(400, 404)),
    "/api/quotes": op("Quotes, newest first", "listQuotes",
        [param("speaker", "speaker: store entity id or name (case-insensitive)"), param("q", "full-text query over quote and speaker"),
         param("since", "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)", date),
         param("until", "on or before this date (a prefix: 2023-03 is all of March)", date),
         param("outlet", "only articles of this outlet"), limit, offset], ref("QuotePage")),
    "/api/entities": op("Entities, most mentioned first", "listEntities",
        [param("q", "names starting with this"), param("type", "entity type", {"type": "string", "enum": ["person", "organization", "location", "other"]}), limit, offset],
        ref("EntityPage")),
    "/api/entities/{id}": op("One entity with its quotes, roles and mentions per month", "getEntity",
        [param("id", "store entity id", {"type": "string"}, True, "path")], ref("EntityDetail"), errors=(400, 404)),
    "/api/narratives": op("Articles per narrative and subnarrative, per outlet or month", "listNarratives",
        [param("by", "grouping", {"type": "string", "enum": ["outlet", "month"], "default": "outlet"})], ref("NarrativePage")),
    "/api/search": op("Full-text search over articles and quotes, best first, with snippets", "search",
        [param("q", "words (all required; a trailing * makes a prefix)", required=True), limit, offset], ref("SearchPage"),
        desc="The 250 most recently stored matching articles and the 250 most recently stored matching quotes "
             "are ranked together by relevance (bm25) and come first; older matches follow (articles, then quotes, "
             "most recently stored first). total counts every match."),
    "/api/talking-points": op("Talking points: statements and phrases repeated across outlets, highest score (spread × novelty) first", "listTalkingPoints",
        [param("since", "only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)", date),
         param("limit", "page size (default 50)", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}), offset],
        ref("TalkingPointPage")),
    "/api/quotes/{id}/travel": op("Every appearance of one quote's statement, first seen first", "getQuoteTravel",
        [param("id", "the quote: ARTICLE_ID#N (percent-encoded: # is %23, / is %2F)", {"type": "string"}, True, "path"),
         param("limit", "page size (default 100)", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}), offset,
         param("translations", "also list possible translations (true/false, 1/0; default false): quotes of the same linked "
               "speaker in another language, dated within 7 days, naming the same rare entities; candidates, not verified",
               {"type": "boolean", "default": False})],
        ref("QuoteTravel"), errors=(400, 404)),
    "/api/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
  },
  "components": {
    "responses": {
      "BadRequest": {"description": "bad parameter", "content": {"application/json": {"schema": ref("Error")}}},
      "NotFound": {"description": "unknown id", "content": {"application/json": {"schema": ref("Error")}}},
      "Internal": {"description": "database error", "content": {"application/json": {"schema": ref("Error")}}},
      "Busy": {"description": "no database connection free within 10 s, or the query ran past the server's time limit",
               "content": {"application/json": {"schema": ref("Error")}}},
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["status", "message"],
          "properties": {"status": s("integer"), "message": s("string")}}}},
      "ArticleSummary": {"type": "object", "required": ["id", "quotes", "entities", "narratives"], "properties": {
          "id": s("string"), "title": s("string", nullable=True), "published": s("string", nullable=True),
          "lang": s("string", nullable=True), "outlet": s("string", nullable=True),
          "quotes": s("integer", minimum=0), "entities": s("integer", minimum=0), "narratives": s("integer", minimum=0)}},
      "ArticlePage": page("ArticleSummary"),
      "Span": span,
      "Article": {"type": "object", "description": "the output contract's article object (docs/output-format.md); more fields may appear",
        "required": ["schema", "id", "text"], "properties": {
          "schema": s("string", const="newslens.article/1"), "id": s("string"), "title": s("string", nullable=True),
          "published": s("string", nullable=True), "lang": s("string", nullable=True), "text": s("string"),
          "boilerplate": {"type": "array", "items": s("string")},
          "entities": {"type": "array", "items": {"type": "object", "properties": {
              "id": s("string"), "name": s("string"), "type": s("string"), "actor": s("string", nullable=True),
              "mentions": {"type": "array", "items": {"type": "object", "properties": {"start": s("integer"), "end": s("integer"), "text": s("string")}}}}}},
          "quotes": {"type": "array", "items": {"type": "object", "properties": {
              "text": s("string"), "start": s("integer"), "end": s("integer"), "kind": s("string"), "cue": s("string", nullable=True),
              "speaker": {"type": ["object", "null"], "properties": {"text": s("string"), "start": s("integer"), "end": s("integer"),
                  "name": s("string", nullable=True), "entity": s("string", nullable=True)}},
              "said_on": s("string", nullable=True)}}},
          "narratives": {"type": "array", "items": {"type": "object", "properties": {
              "narrative": s("string"), "subnarrative": s("string", nullable=True), "score": s("number"),
              "evidence": {"type": "array", "items": ref("Span")}}}},
          "roles": {"type": "array", "items": {"type": "object", "properties": {
              "entity": s("string"), "main": s("string"), "fine": {"type": "array", "items": s("string")}, "score": s("number")}}}}},
      "QuoteRow": quote_row,
      "QuotePage": page("QuoteRow"),
      "EntityRow": entity_row,
      "EntityPage": page("EntityRow"),
      "EntityDetail": {"type": "object", "required": ["id", "name", "type", "articles", "mentions", "quote_count", "names", "quotes", "roles", "months"], "properties": {
          **{k: v for k, v in entity_row["properties"].items() if k != "quotes"},
          "quote_count": s("integer", "quotes it is the speaker of, over all articles", minimum=0),
          "names": {"type": "array", "items": s("string")},
          "quotes": {"type": "array", "items": ref("QuoteRow"), "description": "latest quotes as speaker (at most 100)"},
          "roles": {"type": "array", "items": {"type": "object", "properties": {"main": s("string"), "fine": s("string", nullable=True),
              "articles": s("integer"), "mean_score": s("number", nullable=True)}}},
          "months": {"type": "array", "items": {"type": "object", "properties": {"month": s("string", nullable=True),
              "articles": s("integer"), "mentions": s("integer")}}}}},
      "NarrativeCount": {"type": "object", "required": ["narrative", "articles"], "properties": {
          "group": s("string", "outlet or month", nullable=True), "narrative": s("string"),
          "subnarrative": s("string", "null for the narrative's total", nullable=True),
          "articles": s("integer", minimum=0), "mean_score": s("number", nullable=True)}},
      "NarrativePage": page("NarrativeCount"),
      "SearchHit": {"type": "object", "required": ["kind", "article", "snippet"], "properties": {
          "kind": s("string", enum=["article", "quote"]), "article": s("string"), "title": s("string", nullable=True),
          "quote": s("integer", nullable=True), "speaker": s("string", nullable=True),
          "snippet": {"type": "array", "items": {"type": "object", "properties": {"text": s("string"), "hit": s("boolean")}}},
          "rank": s("number")}},
      "SearchPage": page("SearchHit"),
      "TalkingPoint": {"type": "object", "required": ["kind", "text", "articles", "outlets", "speakers", "languages", "first_seen", "count",
                                                      "timeline_unit", "timeline", "by_outlet", "score", "quotes"], "properties": {
          "kind": s("string", enum=["statement", "phrase"]), "text": s("string"),
          "articles": {"type": "array", "items": s("string"), "description": "article ids, first appearance first"},
          "outlets": {"type": "array", "items": s("string")}, "speakers": {"type": "array", "items": s("string")},
          "languages": {"type": "array", "items": s("string")},
          "first_seen": {"type": "object", "properties": {"article": s("string"), "date": s("string", nullable=True)}},
          "count": s("integer", "appearances"), "timeline_unit": s("string", enum=["day", "week"]),
          "timeline": {"type": "array", "items": {"type": "object", "properties": {"date": s("string"), "count": s("integer")}}},
          "by_outlet": {"type": "array", "items": {"type": "object", "properties": {
              "outlet": s("string"), "articles": s("integer"), "first": s("string", nullable=True)}}},
          "score": s("number"),
          "quotes": {"type": "array", "items": s("string"), "description": "a statement's quotes (ARTICLE_ID#N); empty for a phrase"}}},
      "TalkingPointPage": {"type": "object", "required": ["total", "items"], "properties": {
          "total": s("integer"), "items": {"type": "array", "items": ref("TalkingPoint")}}},
      "QuoteTravel": {"type": "object", "required": ["quote", "total", "items"], "properties": {
          "quote": s("string"), "total": s("integer"),
          "items": {"type": "array", "items": {"allOf": [ref("QuoteRow"), {"type": "object", "properties": {
              "quote": s("string"), "first": s("boolean")}}]}},
          "translations": {"type": "array", "description": "only with translations=true; best first",
              "items": {"allOf": [ref("QuoteRow"), {"type": "object", "properties": {
                  "lang": s("string", nullable=True), "source": s("string", "the appearance (ARTICLE_ID#N) it was found from"),
                  "shared": {"type": "array", "items": s("string"), "description": "entities both quotes name, rarest first"},
                  "weight": s("number", "summed rarity ln(quotes / quotes naming it) of the shared entities")}}]}}}},
    }}}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "openapi.json")
with open(out, "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
