"""Type aliases for the annotations of the Pythonic modules (no runtime
meaning: arguments are checked and converted where they are used)."""

from __future__ import annotations

import array
from typing import TYPE_CHECKING, Any, Sequence, Union

if TYPE_CHECKING:  # numpy and pandas stay optional at run time
    import numpy
    import pandas

#: Numbers as a sequence or a buffer; C-contiguous float64 numpy arrays
#: (and array('d')) are passed to C without a copy where the function says so.
FloatArray = Union[Sequence[float], "numpy.ndarray", "array.array", memoryview]
#: Integers as a sequence or a buffer (int32 or int64 as the function says).
IntArray = Union[Sequence[int], "numpy.ndarray", "array.array", memoryview]
#: Rows of questionnaire items: a list of rows or a 2-D int32 buffer.
ItemRows = Union[Sequence[Sequence[Union[int, None]]], "numpy.ndarray", "array.array",
                 memoryview]
#: A pandas DataFrame.
DataFrame = "pandas.DataFrame"
#: A numpy array.
NDArray = "numpy.ndarray"

__all__ = ["FloatArray", "IntArray", "ItemRows", "DataFrame", "NDArray", "Any", "array"]
