"""The stages of the pipeline's untyped mode (``config --no-interpolate``).

Without interpolation Compose cannot decode the project into its typed model, so it
prints its intermediate dictionary instead: each file merged into the previous ones by
the generic rules (``environment`` maps become ``K=V`` lists when two files both set
one), only the short syntaxes that parse without variables made long, default values,
paths, then the names and default networks of normalisation. Nothing is pruned and no
``$`` is doubled. Go prints that dictionary with every map's keys sorted.

These modules are the stages on plain ``dict``/``list`` values; the order they run in is
:mod:`composecheck.load.pipeline`'s alone.
"""
