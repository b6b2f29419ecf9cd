"""In-context learning (人工知能理論: 「文脈内学習が一つの突破口」), beyond the slides' theorems.

The lecture closes by naming in-context learning as a breakthrough for theory; this part
holds the exact statement behind it:

* :mod:`.linear_attention` — one linear self-attention layer with constructed weights is one
  step of gradient descent on the prompt's least-squares loss (von Oswald et al. 2023, Prop. 1;
  Akyürek et al. 2023).
"""

from . import linear_attention  # noqa: F401
