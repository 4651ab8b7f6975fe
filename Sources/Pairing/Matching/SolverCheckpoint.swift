/// A moment in a run of ``HeapBlossomSolver`` at which it hands out its
/// vertex duals and goes on: the first time fewer trees than one root in
/// `divisor` are left, in a run that started with at least `minimumRoots`
/// trees.
///
/// The duals are feasible then, as at every step of the primal-dual
/// algorithm (every edge has a nonnegative slack), so every pair that
/// violates them is a genuine candidate for the pricing of the certified
/// pairing; only the certificate needs the final duals. In a re-solve of
/// 310,000 national rows the last few percent of the trees take most of the
/// events, growing over whole lane clusters, and pricing on the duals of
/// that moment lets the two run side by side.
struct SolverCheckpoint: Sendable {
    /// Runs with fewer trees at the start take no checkpoint.
    var minimumRoots: Int
    /// The checkpoint comes when fewer than `roots / divisor` trees are left.
    var divisor: Int
    /// Receives `u(v) = 2·y(v)` of every vertex (in the caller's numbering).
    var body: @Sendable ([Int]) -> Void
}
