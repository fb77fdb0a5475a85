"""Parses each school's events.ics with a real iCalendar parser and feed.xml with feedparser.

Run by .ci/run after `yuxin build`: python3 tests/feeds/check_feeds.py SITE_DIR
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


def check_ics(path, school):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    tzs = [c for c in cal.walk("VTIMEZONE")]
    check(len(tzs) == 1 and str(tzs[0]["TZID"]) == "Asia/Shanghai", f"{school}: one VTIMEZONE Asia/Shanghai")
    events = list(cal.walk("VEVENT"))
    check(len(events) >= 2, f"{school}: has events ({len(events)})")
    uids = set()
    for ev in events:
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        check(isinstance(start, datetime) and start.tzinfo is not None, f"{school}: DTSTART has a zone")
        check(start.utcoffset() == timedelta(hours=8), f"{school}: DTSTART is UTC+8 ({start})")
        check(end > start, f"{school}: DTEND after DTSTART")
        check(str(ev["DTSTART"].params.get("TZID")) == "Asia/Shanghai", f"{school}: TZID on DTSTART")
        check("DTSTAMP" in ev and "UID" in ev, f"{school}: DTSTAMP and UID")
        uids.add(str(ev["UID"]))
        check(len(str(ev["SUMMARY"])) > 0, f"{school}: SUMMARY")
    check(len(uids) == len(events), f"{school}: UIDs unique")
    return events


def check_atom(path, school, name):
    feed = feedparser.parse(path.read_bytes())
    check(not feed.bozo, f"{school}: feed well-formed ({feed.get('bozo_exception')})")
    check(feed.version == "atom10", f"{school}: Atom 1.0 ({feed.version})")
    check(name in feed.feed.get("title", ""), f"{school}: feed title names the school")
    check(len(feed.entries) >= 2, f"{school}: feed has entries")
    for e in feed.entries:
        check(e.get("link", "").startswith("http"), f"{school}: entry link absolute ({e.get('link')})")
        check(e.get("updated_parsed") is not None, f"{school}: entry updated")


def main():
    site = Path(sys.argv[1])
    schools = {"qinghe-primary": "青禾实验小学", "chenguang-junior": "晨光初级中学"}
    for school, name in schools.items():
        root = site / "schools" / school
        events = check_ics(root / "events.ics", school)
        check_atom(root / "feed.xml", school, name)
        if school == "qinghe-primary":
            first = events[0]
            start = first.decoded("DTSTART")
            check(start == datetime(2026, 9, 25, 19, 0, tzinfo=SHANGHAI), f"first meeting at 19:00 Beijing ({start})")
            check("，" in str(first["DESCRIPTION"]) or "、" in str(first["DESCRIPTION"]), "description survives escaping")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
