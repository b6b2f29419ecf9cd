"""Claim formulas, written in Unicode-ish math, as LaTeX for KaTeX.

A claim's ``formula`` is written for people and terminals (``sup_{x∈[0,1]} |x² − f_m(x)| = 2^{−2m−2}``).
:func:`to_latex` turns it into LaTeX that KaTeX can typeset: Greek letters and symbols to commands,
runs of Unicode super- and subscripts to ``^{…}``/``_{…}``, combining accents to ``\\hat``/``\\tilde``/
``\\bar``, ``√(…)`` to ``\\sqrt{…}``, known function names to operators and English words to
``\\text{…}``.  Braces right after ``_``/``^`` group; any other brace is a literal set brace.  The
conversion is a heuristic: the book shows the original text wherever KaTeX cannot parse the result,
and the browser test counts such formulas.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["to_latex"]

_GREEK = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon", "ζ": r"\zeta",
    "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu",
    "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi", "χ": r"\chi",
    "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda",
    "Π": r"\Pi", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega", "Σ": r"\Sigma",
}
_SYMBOLS = {
    "−": "-", "·": r"\cdot ", "×": r"\times ", "≤": r"\le ", "≥": r"\ge ", "≠": r"\ne ", "≈": r"\approx ",
    "≍": r"\asymp ", "≳": r"\gtrsim ", "≲": r"\lesssim ", "⇔": r"\Leftrightarrow ", "⇒": r"\Rightarrow ",
    "→": r"\to ", "↓": r"\downarrow ", "∈": r"\in ", "∉": r"\notin ", "∀": r"\forall ", "∃": r"\exists ",
    "∞": r"\infty ", "‖": r"\| ", "∫": r"\int ", "∑": r"\sum ", "∏": r"\prod ", "½": r"\tfrac{1}{2}",
    "′": "'", "″": "''", "∦": r"\nparallel ", "∥": r"\parallel ", "⊂": r"\subset ", "⊆": r"\subseteq ",
    "∖": r"\setminus ", "±": r"\pm ", "∓": r"\mp ", "~": r"\sim ", "∼": r"\sim ", "⌈": r"\lceil ",
    "⌉": r"\rceil ", "⌊": r"\lfloor ", "⌋": r"\rfloor ", "∘": r"\circ ", "…": r"\dots ", "ℝ": r"\mathbb{R}",
    "ℕ": r"\mathbb{N}", "∂": r"\partial ", "∇": r"\nabla ", "⊤": r"\top ", "∧": r"\wedge ", "∨": r"\vee ",
    "#": r"\#", "%": r"\%", "&": r"\&", "$": r"\$", "*": "^{*}", "'": "'",
}
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵏ", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "-", "=",
                                               "(", ")", "n", "i", r"\top ", "k"], strict=True))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓᵢⱼₖₙ", "0123456789+-=()aeoxijkn", strict=True))
_ACCENTS = {"\u0302": r"\hat", "\u0303": r"\tilde", "\u0304": r"\bar", "\u0307": r"\dot", "\u0308": r"\ddot"}
_OPERATORS = {"sup", "inf", "max", "min", "log", "ln", "exp", "sin", "cos", "tan", "lim", "det", "dim",
              "arg", "sinh", "cosh", "tanh", "Pr", "gcd"}
_NAMED = {"tr", "argmax", "argmin", "sign", "Var", "Cov", "Beta", "kl", "KL", "spec", "dist", "Si", "err",
          "arcsinh", "VCdim", "diag", "rank", "poly", "erf", "supp"}
_TEXT_SHORT = {"if", "on", "as", "of", "vs", "at", "or", "is", "in", "to", "by", "so", "be"}
_TEXT_CAPS = {"ReLU", "MSE", "Koch", "BHLM", "SNR", "Pinsker", "Lipschitz", "Chebyshev", "Fourier"}

_WORD = re.compile(r"[A-Za-z]{2,}(?:_[A-Za-z]{2,})+|[A-Za-z]+")


def _word(w: str) -> str:
    if "_" in w and all(len(p) >= 2 for p in w.split("_")):
        return r"\text{" + w.replace("_", r"\_") + "}"
    if w in _OPERATORS:
        return "\\" + w + " "
    if w in _NAMED:
        return r"\operatorname{" + w + "}"
    if w in _TEXT_CAPS or w in _TEXT_SHORT or (len(w) >= 3 and w.islower()):
        return r"\text{ " + w + " }"
    return w


def _decompose(s: str) -> str:
    """Precomposed accented letters (ŵ, Ñ) as letter + combining mark, so accents are handled once."""
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        out.append(d if len(d) == 2 and d[1] in _ACCENTS and d[0].isalpha() and d[0].isascii() else ch)
    return "".join(out)


def to_latex(formula: str) -> str:
    r"""LaTeX for a Unicode-ish formula string (best effort; see the module docstring).

    Examples
    --------
    >>> print(to_latex("sup_{x∈[0,1]} |x² − f_m(x)| = 2^{−2m−2}"))
    \sup _{x\in [0,1]} |x^{2} - f_{m}(x)| = 2^{-2m-2}
    """
    s = _decompose(formula)
    out: list[str] = []
    braces: list[bool] = []  # True: a LaTeX group; False: a literal set brace
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _ACCENTS and out:  # combining mark after the atom just written
            out[-1] = f"{_ACCENTS[ch]}{{{out[-1]}}}"
            i += 1
            continue
        if ch in _SUP or ch in _SUB:
            table, mark = (_SUP, "^") if ch in _SUP else (_SUB, "_")
            j = i
            while j < n and s[j] in table:
                j += 1
            out.append(mark + "{" + "".join(table[c] for c in s[i:j]) + "}")
            i = j
            continue
        if ch in "_^":
            out.append(ch)
            nxt = s[i + 1] if i + 1 < n else ""
            if nxt == "{":
                braces.append(True)
                out.append("{")
                i += 2
                continue
            m = re.compile(r"\d+|[A-Za-z]+\d*").match(s, i + 1)
            if m:
                sub = m.group()
                out.append("{" + (r"\text{" + sub + "}" if sub.isalpha() and len(sub) >= 3
                                  and sub not in _OPERATORS else
                                  ("\\" + sub + " " if sub in _OPERATORS else sub)) + "}")
                i = m.end()
                continue
            i += 1
            continue
        if ch == "{":
            braces.append(False)
            out.append(r"\{")
            i += 1
            continue
        if ch == "}":
            group = braces.pop() if braces else False
            out.append("}" if group else r"\}")
            i += 1
            continue
        if ch == "\\":
            out.append(r"\setminus ")
            i += 1
            continue
        if ch == "√":
            j = i + 1
            if j < n and s[j] == "(":
                depth, k = 0, j
                while k < n:
                    depth += {"(": 1, ")": -1}.get(s[k], 0)
                    if depth == 0:
                        break
                    k += 1
                out.append(r"\sqrt{" + to_latex(s[j + 1:k]) + "}")
                i = k + 1
                continue
            m = re.compile(r"[A-Za-z0-9]+|.").match(s, j)
            if m:
                out.append(r"\sqrt{" + to_latex(m.group()) + "}")
                i = m.end()
                continue
            out.append(r"\surd ")
            i += 1
            continue
        if ch == "Σ":  # a sum when indexed, the covariance Σ otherwise
            out.append(r"\sum " if s[i + 1:i + 2] == "_" else r"\Sigma ")
            i += 1
            continue
        if ch in _GREEK:
            out.append(_GREEK[ch] + " ")
            i += 1
            continue
        if ch in _SYMBOLS:
            out.append(_SYMBOLS[ch])
            i += 1
            continue
        if ch.isascii() and ch.isalpha():
            m = _WORD.match(s, i)
            out.append(_word(m.group()))
            i = m.end()
            continue
        if ch in ";," and s[i + 1:i + 3] == "  ":  # the formulas separate statements by two spaces
            out.append(ch + r"\quad ")
            i += 3
            continue
        if s.startswith("  ", i):
            out.append(r"\quad ")
            i += 2
            continue
        out.append(ch)
        i += 1
    out.extend("}" for _ in braces if _)  # unbalanced input: close what was opened
    tex = re.sub(r"\\text\{ ([^{}]*) \}\s*\\text\{ ", r"\\text{ \1 ", "".join(out))
    tex = re.sub(r"\^\{([^{}]*)\}\^\{", r"^{\1", tex)  # β*ᵀ: one superscript, not two
    return tex.replace("  ", " ")
