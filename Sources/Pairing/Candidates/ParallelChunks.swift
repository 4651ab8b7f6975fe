import Dispatch
import Synchronization

/// Runs `body` over `0..<count` in contiguous chunks on up to `threads`
/// workers and returns the chunks' results **in chunk order**, so that the
/// outcome does not depend on scheduling.
///
/// With a `lateWorker` gate, one more worker joins once the gate is
/// signalled (the pricing beside a re-solve takes the solver's core when
/// the solve ends); the call returns only after that.
///
/// - Complexity: one `concurrentPerform`; chunks of at least `minimumChunk`.
func parallelChunks<T: Sendable>(
    count: Int, threads: Int?, minimumChunk: Int = 256, lateWorker: DispatchSemaphore? = nil,
    _ body: @Sendable (Range<Int>) -> T
) -> [T] {
    guard count > 0 else {
        lateWorker?.wait()
        return []
    }
    let workers = max(1, threads ?? Cores.online)
    // Several chunks per worker balance uneven work.
    let all = workers + (lateWorker == nil ? 0 : 1)
    let chunk = max(minimumChunk, (count + 8 * all - 1) / (8 * all))
    let chunks = (count + chunk - 1) / chunk
    if lateWorker == nil && (workers == 1 || chunks == 1) {
        return (0..<chunks).map { c in body((c * chunk)..<min(count, (c + 1) * chunk)) }
    }
    let results = Mutex([T?](repeating: nil, count: chunks))
    let next = Atomic<Int>(0)
    let early = min(workers, chunks)
    DispatchQueue.concurrentPerform(iterations: early + (lateWorker == nil ? 0 : 1)) { worker in
        if worker == early { lateWorker?.wait() }
        while true {
            let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard c < chunks else { break }
            let r = body((c * chunk)..<min(count, (c + 1) * chunk))
            results.withLock { $0[c] = r }
        }
    }
    return results.withLock { $0.map { $0! } }
}

/// The cores online (`sysconf`), without Foundation.
enum Cores {
    static var online: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
