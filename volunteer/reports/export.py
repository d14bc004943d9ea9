"""Writing reports to files (`volunteer reports generate --files DIR`).

The parent drafts or reads one report at a time and hands its document (plain data) to
worker processes that render the PDF and the XLSX and write them, so that drafting the next
report overlaps rendering the last; at most two documents per worker are in flight, so
memory stays flat however many employers there are.
"""

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from volunteer.extensions import db
from volunteer.reports import pdf, xlsx
from volunteer.reports.delivery import visible_rows
from volunteer.reports.document import Document, document_of
from volunteer.reports.models import Report


def write_files(doc: Document, directory: str, prefix: str) -> int:
    """Render and write one report's PDF and XLSX; the bytes written."""
    stem = Path(directory) / f"{prefix}-{doc.filename_stem}"
    data = pdf.render_pdf(doc)
    sheet = xlsx.render_xlsx(doc)
    stem.with_suffix(".pdf").write_bytes(data)
    stem.with_suffix(".xlsx").write_bytes(sheet)
    return len(data) + len(sheet)


def documents(report_ids: Iterable[int]):
    """(prefix, document) per report, loading one report at a time and ending the
    transaction before rendering (on SQLite a command's transaction holds the write lock)."""
    for report_id in report_ids:
        report = db.session.get_one(Report, report_id)
        doc = document_of(report, visible_rows(report))
        prefix = f"{report.employer_id:05d}"
        db.session.expunge_all()
        db.session.rollback()
        yield prefix, doc


def write_files_of(
    report_ids: Iterable[int], directory: Path, *, workers: int = 1, progress=None
) -> dict:
    """Write each report's PDF and XLSX into `directory`. The ids may come lazily (from
    `services.drafted`): each report is handed to a worker as soon as it is read."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {"reports": 0, "bytes": 0}

    def done(size: int) -> None:
        counts["reports"] += 1
        counts["bytes"] += size
        if progress is not None:
            progress(1)

    if workers <= 1:
        for prefix, doc in documents(report_ids):
            done(write_files(doc, str(directory), prefix))
        return counts
    context = multiprocessing.get_context("spawn")
    pending: set[Future] = set()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for prefix, doc in documents(report_ids):
            if len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(future.result())
            pending.add(pool.submit(write_files, doc, str(directory), prefix))
        for future in wait(pending).done:
            done(future.result())
    return counts
