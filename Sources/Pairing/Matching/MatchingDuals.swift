/// A solution of the dual of Edmonds' matching linear program: the proof
/// that a matching has maximum weight.
///
/// Edmonds (1965) showed that the maximum weight of a matching equals the
/// optimum of the linear program
///
///     maximise Σ w(e)·x(e)  subject to  x(δ(v)) ≤ 1,  x(E[B]) ≤ (|B| − 1)/2 for odd B,  x ≥ 0,
///
/// whose dual is
///
///     minimise Σ y(v) + Σ z(B)·(|B| − 1)/2  subject to  y(i) + y(j) + Σ_{B ∋ i,j} z(B) ≥ w(ij),  y, z ≥ 0.
///
/// The blossom algorithm keeps `z(B) = 0` except on a laminar family of odd
/// vertex sets (its blossoms). To keep every value an integer, the vertex
/// duals are stored doubled, as in Galil (1986) and van Rantwijk's
/// implementation: ``vertexDuals`` holds `u(v) = 2·y(v)` and the *slack* of
/// edge `ij` is `u(i) + u(j) − 2·w(ij) + 2·Σ_{B ∋ i,j} z(B)`.
///
/// A matching *M* and these duals prove each other optimal when (complementary
/// slackness): every slack is ≥ 0, every matched edge has slack 0, every
/// vertex exposed by *M* has `u = 0`, and every blossom with `z > 0` is full
/// (holds `(|B| − 1)/2` edges of *M*). ``certify(_:on:)`` checks exactly that.
public struct MatchingDuals: Sendable, Hashable {
    /// `2·y(v)` for every vertex.
    public let vertexDuals: [Int]
    /// `z(B)` for every blossom `B` (`0..<blossomCount`).
    public let blossomDuals: [Int]
    /// The blossom directly containing blossom `B`, or -1 at the top.
    public let blossomParents: [Int]
    /// The innermost blossom containing vertex `v`, or -1.
    public let vertexBlossoms: [Int]

    /// A dual solution from its arrays (the solvers produce them; tests
    /// build altered ones to see the certificate fail).
    public init(vertexDuals: [Int], blossomDuals: [Int], blossomParents: [Int], vertexBlossoms: [Int]) {
        self.vertexDuals = vertexDuals
        self.blossomDuals = blossomDuals
        self.blossomParents = blossomParents
        self.vertexBlossoms = vertexBlossoms
    }

    /// The number of blossoms.
    public var blossomCount: Int { blossomDuals.count }

    /// Twice the dual objective: `Σ u(v) + Σ z(B)·(|B| − 1)`. Equals twice
    /// the matching weight exactly when both are optimal.
    public func doubledObjective(blossomSizes: [Int]) -> Int {
        var total = vertexDuals.reduce(0, +)
        for b in 0..<blossomCount { total += blossomDuals[b] * (blossomSizes[b] - 1) }
        return total
    }
}
