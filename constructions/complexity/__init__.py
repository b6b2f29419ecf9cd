"""What the complexity part builds: risks and their decomposition, VC dimension, shattering,
uniform deviations, SGD on quadratics."""
