"""Secret detection: is a (key, value) pair a hardcoded secret, a placeholder, or neither?

A pure, stdlib-only engine used by CC401 (hardcoded-secret), CC402 (placeholder-secret)
and ``render --redact``. It judges the key and the value together:

* a value in a known provider format (AWS, GitHub, GitLab, Slack, Stripe secret keys,
  Google, npm, SendGrid, Twilio, OpenAI, JWTs, PEM private keys, password hashes,
  ``user:password@`` URLs, ``Authorization:`` headers) is a secret under any key;
* a credential-like key (``PASSWORD``, ``TOKEN``, ``SECRET_KEY``, ``API_KEY``, ...) holding
  a literal is a secret, unless the literal is a reference (``$VAR``, ``${VAR}``), a path,
  a boolean, a small number, a duration or a URL without credentials; weak and vendor
  defaults (``password``, ``postgres``, ``minioadmin``) count as secrets;
* a credential-like key holding a template placeholder (``changeme``, ``<your-key>``,
  ``xxxx``) is a placeholder.

Values are never returned or logged: :func:`mask` is the only way a value leaves the
detector.

- :mod:`~composecheck.secrets.keys`: credential-like and public keys;
- :mod:`~composecheck.secrets.patterns`: provider formats, recognisable under any key;
- :mod:`~composecheck.secrets.literals`: references, placeholders, weak defaults;
- :mod:`~composecheck.secrets.judge`: key and value judged together (:func:`classify`);
- :mod:`~composecheck.secrets.extract`: candidate pairs in commands, texts, templates;
- :mod:`~composecheck.secrets.masking`: :func:`mask`, the only way a value is shown;
- :mod:`~composecheck.secrets.surfaces`: where Compose reads values, walked for a loaded
  project (imported on its own: it needs the loader's types);
- :mod:`~composecheck.secrets.scrub`: the secrets among what a load read, masked in
  whatever is printed (messages, warnings, reports), with provider formats anywhere.
"""

from __future__ import annotations

from composecheck.secrets.extract import (
    classify_pairs,
    command_pairs,
    split_assignment,
    template_defaults,
    text_pairs,
)
from composecheck.secrets.judge import classify
from composecheck.secrets.keys import KeyInfo, key_info, key_words
from composecheck.secrets.literals import WEAK_DEFAULTS, is_placeholder
from composecheck.secrets.masking import article, mask
from composecheck.secrets.patterns import format_spans, value_format
from composecheck.secrets.verdict import Kind, Verdict

__all__ = [
    "WEAK_DEFAULTS",
    "KeyInfo",
    "Kind",
    "Verdict",
    "article",
    "classify",
    "classify_pairs",
    "command_pairs",
    "format_spans",
    "is_placeholder",
    "key_info",
    "key_words",
    "mask",
    "split_assignment",
    "template_defaults",
    "text_pairs",
    "value_format",
]
