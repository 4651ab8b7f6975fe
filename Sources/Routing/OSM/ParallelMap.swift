import Dispatch

/// Runs `body(i, worker)` for `i` in `0..<count` on up to `threads` cores
/// and returns the results in index order. `worker` (in `0..<threads`)
/// identifies the thread's share of the work, so that a body may reuse
/// per-worker scratch memory (see ``WorkerScratch``).
///
/// Work is handed out in strides (worker `w` takes `w`, `w + threads`, …),
/// which balances well when items are alike, as the blobs of a PBF file are.
/// With one thread (or one item) it runs inline.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int, Int) -> T) -> [T] {
    let workers = max(1, min(threads, count))
    if workers == 1 { return (0..<count).map { body($0, 0) } }
    let slots = ParallelSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < count {
            slots.set(i, body(i, w))
            i += workers
        }
    }
    return slots.take()
}

/// Storage for the results of ``parallelMap(_:threads:_:)``: each index is
/// written exactly once, by one worker, and read only after
/// `concurrentPerform` has returned (which orders every write before the
/// read), so no two threads ever touch the same element concurrently.
private final class ParallelSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ i: Int, _ value: T) {
        precondition(i >= 0 && i < count)
        storage[i] = value
    }

    /// The results; every index must have been set.
    func take() -> [T] {
        (0..<count).map { i in
            guard let v = storage[i] else { preconditionFailure("parallelMap: result \(i) was not produced") }
            return v
        }
    }
}
