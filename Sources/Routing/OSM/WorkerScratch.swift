/// One reusable byte buffer per worker of ``parallelMap(_:threads:_:)``, so
/// that decompressing thousands of blobs does not map and fault in fresh
/// memory for each.
///
/// Worker `w` is the only user of buffer `w` while a `parallelMap` runs
/// (its items are handed out by worker), and `parallelMap` calls do not
/// overlap, so no buffer is ever used by two threads at once.
final class WorkerScratch: @unchecked Sendable {
    private let buffers: UnsafeMutablePointer<UnsafeMutableRawBufferPointer>
    private let workers: Int

    init(workers: Int) {
        self.workers = max(1, workers)
        buffers = .allocate(capacity: self.workers)
        buffers.initialize(repeating: UnsafeMutableRawBufferPointer(start: nil, count: 0), count: self.workers)
    }

    deinit {
        for w in 0..<workers { buffers[w].deallocate() }
        buffers.deinitialize(count: workers)
        buffers.deallocate()
    }

    /// Worker `w`'s buffer, at least `size` bytes (contents undefined); valid
    /// until worker `w` asks again.
    func buffer(_ w: Int, size: Int) -> UnsafeMutableRawBufferPointer {
        precondition(w >= 0 && w < workers)
        if buffers[w].count < size {
            let grown = max(size, buffers[w].count * 2)
            buffers[w].deallocate()
            buffers[w] = .allocate(byteCount: grown, alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: buffers[w][0..<size])
    }
}
