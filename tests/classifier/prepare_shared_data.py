#!/usr/bin/env python3
"""Writes the real labelled data beside the project as JSONL sources and a manifest for
`curate train-classifier`: music text (MusicCaps captions, DBpedia album abstracts,
AudioSet music class descriptions) against general text (DBpedia abstracts other than
albums and artists, AG News).

usage: prepare_shared_data.py SHARED_DATA_DIR OUTPUT_DIR
"""
import csv
import json
import os
import sys


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def musiccaps(data):
    with open(os.path.join(data, "music/musiccaps.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield {"id": f"musiccaps-{row['ytid']}-{row['start_s']}", "text": row["caption"]}


def audioset_music(data):
    with open(os.path.join(data, "music/audioset_ontology.json"), encoding="utf-8") as f:
        classes = {c["id"]: c for c in json.load(f)}
    stack, seen = ["/m/04rlf"], set()  # the "Music" class and everything below it
    while stack:
        cid = stack.pop()
        if cid in seen or cid not in classes:
            continue
        seen.add(cid)
        stack.extend(classes[cid]["child_ids"])
        c = classes[cid]
        yield {"id": f"audioset-{cid}", "text": f"{c['name']}. {c['description']}"}


def dbpedia_general(data):
    excluded = {"1", "9"}  # Artist (mixes musicians and painters) and Album
    for split in ("test", "val"):
        with open(os.path.join(data, f"general/dbpedia14/{split}.csv"), encoding="utf-8") as f:
            for n, row in enumerate(csv.reader(f)):
                if row[0] not in excluded:
                    yield {"id": f"dbpedia-{split}-{n}", "text": row[1], "label": row[0]}


def ag_news(data):
    with open(os.path.join(data, "general/ag_news_test.csv"), encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            yield {"id": f"agnews-{n}", "text": f"{row['title']}. {row['description']}"}


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    write_jsonl(os.path.join(out, "musiccaps.jsonl"), musiccaps(data))
    write_jsonl(os.path.join(out, "audioset_music.jsonl"), audioset_music(data))
    write_jsonl(os.path.join(out, "dbpedia_general.jsonl"), dbpedia_general(data))
    write_jsonl(os.path.join(out, "ag_news.jsonl"), ag_news(data))
    albums = os.path.abspath(os.path.join(data, "music/dbpedia_album_abstracts.jsonl"))
    manifest = {"name": "music-vs-general", "sources": [
        {"name": "musiccaps", "paths": ["musiccaps.jsonl"], "domain": "music"},
        {"name": "dbpedia_albums", "paths": [albums], "domain": "music"},
        {"name": "audioset_music", "paths": ["audioset_music.jsonl"], "domain": "music"},
        {"name": "dbpedia_general", "paths": ["dbpedia_general.jsonl"], "domain": "general"},
        {"name": "ag_news", "paths": ["ag_news.jsonl"], "domain": "general"},
    ]}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
