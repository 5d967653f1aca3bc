"""A worker process for the index concurrency tests (run as a script, not collected).

    python index_worker.py TARGET LINKS_JSON RESULT_JSON BATCH

Opens the index TARGET (an SQLite path or a postgresql:// URL), adds the
links of LINKS_JSON (a list of [residence, travel] numbers) in transactions of
BATCH links, and writes the positions of the links that raised IndexConflict
to RESULT_JSON.  A link's conflict is counted only once its transaction has
committed: a transaction the database aborted (a deadlock) is run again and
the conflicts of the failed attempt forgotten.  After each commit it prints
the batch's number on stdout, so a test can kill it in the middle of a batch.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time

from permitcheck import IdentityIndex, IndexConflict, PermitLink

TRANSIENT: tuple[type[BaseException], ...] = (sqlite3.OperationalError,)
try:
    from psycopg import errors

    TRANSIENT += (errors.DeadlockDetected, errors.SerializationFailure)
except ImportError:  # pragma: no cover
    pass


def main() -> None:
    target, links_path, result_path, batch_text = sys.argv[1:5]
    pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    with open(links_path, encoding="utf-8") as stream:
        links = [PermitLink(residence, travel) for residence, travel in json.load(stream)]
    size = int(batch_text)
    conflicts: list[int] = []
    with IdentityIndex.open(target) as index:
        for number, start in enumerate(range(0, len(links), size)):
            while True:
                found: list[int] = []
                try:
                    with index.transaction():
                        for position in range(start, min(start + size, len(links))):
                            if pause and position == start + size // 2:
                                time.sleep(pause)  # the middle of the batch
                            try:
                                index.add(links[position])
                            except IndexConflict:
                                found.append(position)
                except TRANSIENT:
                    continue  # rolled back entirely: run the batch again
                break
            conflicts.extend(found)
            print(number, flush=True)
    with open(result_path, "w", encoding="utf-8") as stream:
        json.dump(conflicts, stream)


if __name__ == "__main__":
    main()
