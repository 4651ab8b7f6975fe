import Dispatch

/// Reads the routable ways of an OpenStreetMap PBF file and the coordinates
/// of their nodes, in two passes over the file, decoding blobs in parallel.
///
/// 1. **Ways.** Every `OSMData` blob's ways are filtered through the
///    profile and the node ids of the routable ones collected
///    (``OSMWaySet``); blocks that hold only nodes are recognised from their
///    first bytes (``PBFBlob/holdsOnlyNodes(_:)``) and not decompressed, but
///    remembered. The wanted node ids are then sorted (radix sort).
/// 2. **Nodes.** Only the remembered blobs are read again; their node ids
///    are merged against the sorted wanted ids (``SortedNodeIDCursor``) and
///    the coordinates of the wanted ones kept.
///
/// Memory is the way references and the wanted nodes (about 4 bytes per
/// reference and 17 per wanted node, 24 per reference while sorting) plus
/// one chunk of blobs in flight; the file is never held whole. See
/// `docs/scaling.md` for figures.
struct PBFRoadReader {
    let profile: VehicleProfile
    let threads: Int

    /// What the file held and what the passes cost.
    struct Counts: Sendable, Hashable {
        var blobs = 0
        var nodeBlobs = 0
        /// Node blocks pass 1 skipped after decompressing only their start.
        var skippedBlobs = 0
        var nodes = 0
        var ways = 0
        var relations = 0
        var pass1Seconds = 0.0
        var pass2Seconds = 0.0
        var header = PBFHeaderBlock.Summary()
    }

    /// Blobs decoded together: enough to keep every core busy.
    private var chunkBlobs: Int { max(8, threads * 8) }
    /// …and at most this many compressed bytes in flight.
    private static let chunkBytes = 64 << 20

    func read(path: String) throws(InputError) -> (OSMWaySet, Counts) {
        let file = try PBFFile(path: path)
        guard file.size > 0 else { throw InputError(path: path, message: "file is empty") }
        var counts = Counts()
        var ways = OSMWaySet()
        var nodeBlobs: [PBFFile.BlobLocation] = []
        let scratch = WorkerScratch(workers: threads)

        // Pass 1: header, then ways.
        let t0 = DispatchTime.now().uptimeNanoseconds
        var offset = 0
        var index = 0
        var sawHeader = false
        var chunk: [(PBFFile.BlobLocation, [UInt8])] = []
        var chunkSize = 0

        func flush() throws(InputError) {
            guard !chunk.isEmpty else { return }
            let work = chunk
            chunk.removeAll(keepingCapacity: true)
            chunkSize = 0
            let profile = self.profile
            let results = parallelMap(work.count, threads: threads) { i, worker in
                Result { () throws(ProtobufError) -> PBFWayBatch in
                    try work[i].1.withProtobufBytes { blob throws(ProtobufError) in
                        // Node-only blocks need not be decompressed in this pass.
                        if PBFBlob.holdsOnlyNodes(blob) {
                            var nodesOnly = PBFWayBatch()
                            nodesOnly.hasNodes = true
                            nodesOnly.skipped = true
                            return nodesOnly
                        }
                        let block = try PBFBlob.decode(blob) { scratch.buffer(worker, size: $0) }
                        return try PBFPrimitiveBlock(block).scanWays(profile: profile)
                    }
                }
            }
            for (i, result) in results.enumerated() {
                let location = work[i].0
                let batch: PBFWayBatch
                switch result {
                case .success(let b): batch = b
                case .failure(let e): throw Self.error(path, location, e)
                }
                counts.ways += batch.wayCount
                counts.relations += batch.relationCount
                if batch.skipped { counts.skippedBlobs += 1 }
                if batch.hasNodes { nodeBlobs.append(location) }
                for w in batch.rules.indices {
                    ways.addWay(
                        id: batch.wayIDs[w], refs: batch.refs[batch.refStart[w] ..< batch.refStart[w + 1]],
                        rule: batch.rules[w])
                }
                ways.restrictions += batch.restrictions
            }
        }

        while let location = try file.blob(at: offset, index: index) {
            offset = location.offset + location.size
            index += 1
            counts.blobs += 1
            if !sawHeader {
                guard location.type == "OSMHeader" else {
                    throw InputError(path: path, message: "block 0 is '\(location.type)', not the OSMHeader a PBF file starts with")
                }
                sawHeader = true
                counts.header = try readHeader(file, location)
                continue
            }
            guard location.type == "OSMData" else { continue }  // unknown blob types are skipped (spec)
            chunk.append((location, try file.read(location)))
            chunkSize += location.size
            if chunk.count >= chunkBlobs || chunkSize >= Self.chunkBytes { try flush() }
        }
        try flush()
        guard sawHeader else { throw InputError(path: path, message: "no OSMHeader block") }
        let t1 = DispatchTime.now().uptimeNanoseconds
        counts.pass1Seconds = Double(t1 - t0) / 1e9
        counts.nodeBlobs = nodeBlobs.count

        // Pass 2: coordinates of the wanted nodes.
        ways.finalize()
        let wanted = ways.nodeIDs
        var i = 0
        while i < nodeBlobs.count {
            var pending: [(PBFFile.BlobLocation, [UInt8])] = []
            var bytes = 0
            while i < nodeBlobs.count, pending.count < chunkBlobs, bytes < Self.chunkBytes {
                pending.append((nodeBlobs[i], try file.read(nodeBlobs[i])))
                bytes += nodeBlobs[i].size
                i += 1
            }
            let work = pending
            let profile = self.profile
            let results = parallelMap(work.count, threads: threads) { k, worker in
                Result { () throws(ProtobufError) -> PBFNodeBatch in
                    try work[k].1.withProtobufBytes { blob throws(ProtobufError) in
                        let block = try PBFBlob.decode(blob) { scratch.buffer(worker, size: $0) }
                        return try PBFPrimitiveBlock(block).scanNodes(wanted, profile: profile)
                    }
                }
            }
            for (k, result) in results.enumerated() {
                let batch: PBFNodeBatch
                switch result {
                case .success(let b): batch = b
                case .failure(let e): throw Self.error(path, work[k].0, e)
                }
                counts.nodes += batch.nodeCount
                for j in batch.slots.indices {
                    let s = Int(batch.slots[j])
                    ways.latitudes[s] = batch.latitudes[j]
                    ways.longitudes[s] = batch.longitudes[j]
                }
                ways.barrierSlots += batch.barrierSlots
            }
        }
        counts.pass2Seconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        return (ways, counts)
    }

    private func readHeader(_ file: borrowing PBFFile, _ location: PBFFile.BlobLocation) throws(InputError) -> PBFHeaderBlock.Summary {
        let blob = try file.read(location)
        let parsed = Result { () throws(ProtobufError) -> PBFHeaderBlock in
            let bytes = try blob.withProtobufBytes(PBFBlob.decode)
            return try bytes.withProtobufBytes { raw throws(ProtobufError) in try PBFHeaderBlock(raw) }
        }
        let header: PBFHeaderBlock
        switch parsed {
        case .success(let h): header = h
        case .failure(let e): throw Self.error(file.path, location, e)
        }
        let unsupported = header.unsupportedFeatures
        guard unsupported.isEmpty else {
            let history = unsupported.contains("HistoricalInformation")
                ? " (a history file: extract a snapshot first, e.g. `osmium time-filter`)" : ""
            throw InputError(
                path: file.path,
                message: "requires features this reader does not support: \(unsupported.joined(separator: ", "))\(history)"
            )
        }
        return PBFHeaderBlock.Summary(
            requiredFeatures: header.requiredFeatures, optionalFeatures: header.optionalFeatures,
            writingProgram: header.writingProgram
        )
    }

    private static func error(_ path: String, _ location: PBFFile.BlobLocation, _ e: ProtobufError) -> InputError {
        InputError(path: path, message: "block \(location.index) at byte \(location.offset): \(e.message)")
    }
}
