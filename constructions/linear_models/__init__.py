"""What the over-parameterised and benign-overfitting parts build: min-norm and ridge estimators,
designs, bias–variance formulas, Marchenko–Pastur, HMRT limits, random and cosine features,
effective ranks."""
