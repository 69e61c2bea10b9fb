#!/usr/bin/env python3
"""Per-event diff of gold and predicted events on the dev set (development only).

For each gold unit (as score_events.py groups them) prints the verdict (OK, ARGS, MISS),
the gold arguments and every prediction of any type whose trigger starts in the unit's
sentence; then the predictions that matched no unit (EXTRA).

usage: events_diff.py GOLD.json PRED.jsonl [--all] [--id d-03] [--type MILITARY_FORCE]
"""
import importlib.util
import os
import sys


def load_scorer(gold_path):
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(gold_path))), "..", "tools",
                        "score_events.py")
    spec = importlib.util.spec_from_file_location("score_events", os.path.normpath(here))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def arg_text(a):
    return (a or {}).get("text")


def show_pred(p):
    t = p.get("trigger") or {}
    d = (p.get("date") or {}).get("value")
    return (f"{p.get('type')}[{t.get('text')}] {arg_text(p.get('source'))} -> "
            f"{[arg_text(x) for x in p.get('targets') or []]}" + (f" date={d}" if d else ""))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = sys.argv[1:]
    show_all = "--all" in flags
    only_id = flags[flags.index("--id") + 1] if "--id" in flags else None
    only_type = flags[flags.index("--type") + 1] if "--type" in flags else None
    args = [a for a in args if a not in (only_id, only_type)]
    sc = load_scorer(args[0])
    gold = {a["id"]: a for a in sc.load(args[0])}
    pred = {a["id"]: a for a in sc.load(args[1])}
    counts = {}
    for aid, article in gold.items():
        if only_id and aid != only_id:
            continue
        text = article["text"]
        preds = pred.get(aid, {}).get("events", [])
        matched = set()
        for g in article["events"]:
            if g.get("generic") or g["type"] == "STATEMENT":
                continue
            span = sc.byte_span(text, g["sentence"])
            here = [(k, p) for k, p in enumerate(preds)
                    if span[0] <= (p.get("trigger") or {}).get("start", -1) <= span[1]]
            same = [(k, p) for k, p in here if p.get("type") == g["type"]]
            verdict = "MISS"
            for k, p in same:
                matched.add(k)
                src_ok = not g["source"] or sc.names_match(g["source"], arg_text(p.get("source")))
                tgts = [arg_text(t) for t in p.get("targets") or []]
                tgt_ok = all(any(sc.names_match([gt], t) for t in tgts) for gt in sc.as_list(g.get("target")))
                if src_ok and tgt_ok:
                    verdict = "OK"
                    break
                verdict = "ARGS"
            counts[verdict] = counts.get(verdict, 0) + 1
            if only_type and g["type"] != only_type:
                continue
            if verdict == "OK" and not show_all:
                continue
            print(f"== {verdict} {aid} {g['type']} [{g['trigger']}] c{g.get('cluster')}")
            print(f"   S: {g['sentence'][:200]}")
            print(f"   G: {g['source']} -> {g.get('target')}  date={g.get('date')}")
            for k, p in here:
                print(f"   P: {show_pred(p)}")
        for k, p in enumerate(preds):
            if k in matched or p.get("generic") or p.get("type") == "STATEMENT":
                continue
            if only_type and p.get("type") != only_type:
                continue
            t = p.get("trigger") or {}
            # the sentence around the trigger, for reading
            b = text.encode("utf-8")
            lo = max(0, t.get("start", 1) - 120)
            ctx = b[lo:t.get("stop", 0) + 120].decode("utf-8", "ignore").replace("\n", " ")
            print(f"== EXTRA? {aid} {show_pred(p)}")
            print(f"   C: {ctx}")
    print(counts, file=sys.stderr)


if __name__ == "__main__":
    main()
