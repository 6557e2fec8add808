"""Results kept on disk while a run goes on: the report reads them back one at a time.

A batch of 10⁵ files would otherwise hold every file's findings in memory until the end.
`ResultSpool` is a sequence of `FileResult`s (len, iteration, indexing) backed by a
temporary file of pickles; only the offsets stay in memory, and the counts the summary
needs are kept as results arrive.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections import Counter
from typing import Iterator, Sequence

from .model import FileResult


class ResultSpool(Sequence[FileResult]):
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="audit-rules-", suffix=".spool")
        self._offsets = array("q")
        self._end = 0  # where the next result goes
        # Whether the file stands at its end: a read moves it away. Seeking to the end for
        # every result would flush the write buffer each time, one system call per file.
        self._at_end = True
        self._with_findings = array("q")  # the indices of results that have findings
        self.counts: Counter = Counter()  # findings by severity
        self.unreadable = 0
        self.internal = 0
        self.checks = 0

    def append(self, result: FileResult) -> None:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(data)
        if result.findings:
            self._with_findings.append(len(self._offsets))
        self._offsets.append(self._end)
        self._end += len(data)
        for finding in result.findings:
            self.counts[finding.severity] += 1
        self.unreadable += result.status == "error"
        self.internal += bool(result.internal)
        self.checks += result.checks

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        offset = self._offsets[index]
        self._at_end = False
        self._file.seek(offset)
        return pickle.load(self._file)

    def __iter__(self) -> Iterator[FileResult]:
        self._file.flush()
        for offset in self._offsets:
            self._at_end = False
            self._file.seek(offset)
            yield pickle.load(self._file)

    def with_findings(self) -> Iterator[FileResult]:
        """The results that have findings, in order, without reading back the others: a
        report's list of findings needs no more (most files of a batch have none)."""
        for index in self._with_findings:
            yield self[index]

    def close(self) -> None:
        self._file.close()
