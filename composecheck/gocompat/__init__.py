"""Go behaviour that Docker Compose's output depends on, reproduced byte for byte.

Compose is written in Go: its messages quote with ``%q``, its numbers go through
``strconv`` and ``fmt``, its YAML through go-yaml v3 and its JSON through
encoding/json. Each of those behaviours is written once, here, and every stage that
needs it imports it from here. Standard library only: these functions run on every
value of very large stacks, and ``render`` must start fast.

- :mod:`.quote`: ``%q`` quoting (``strconv.Quote``)
- :mod:`.numbers`: ``strconv`` integers and floats, ``%v`` / encoding/json floats
- :mod:`.fmt`: ``fmt.Sprint`` of YAML scalars (how Compose turns values into strings)
- :mod:`.paths`: ``path.Clean``
- :mod:`.yaml_resolve`: go-yaml's resolver (what a plain scalar means, both ways)
- :mod:`.yaml_emit`: go-yaml's emitter (the YAML text ``config`` prints)
- :mod:`.maporder`: the order in which Go's encoders print map keys
- :mod:`.gojson`: encoding/json's ``MarshalIndent``
"""
