/// The jobs that tie routing, pairing and emissions together.
public enum BackhaulVersion { public static let string = "0.1.0" }
