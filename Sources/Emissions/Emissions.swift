/// Vehicle classes, fuels and emission factors. (Being written: issue 6.)
public enum EmissionsModule {}
