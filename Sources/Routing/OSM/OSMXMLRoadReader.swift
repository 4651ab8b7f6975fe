import Dispatch

/// Reads the routable ways of an OpenStreetMap XML file (`.osm`, or
/// `.osm.gz` through ``ByteStream``) and the coordinates of their nodes, in
/// one streaming pass (https://wiki.openstreetmap.org/wiki/OSM_XML).
///
/// XML files put nodes before the ways that use them, so one pass keeps
/// every node's coordinate (in a ``NodeIDTable``, 20 bytes a node) and
/// resolves the wanted ones at the end; ways may also come first. Node tags
/// are read for barriers (``VehicleProfile/blocks(node:)``) and relations for
/// turn restrictions (``VehicleProfile/turnRestriction(_:)``); other
/// relations are counted and skipped. Elements marked `action="delete"` (JOSM) or
/// `visible="false"` are ignored. XML is for small extracts: for a country,
/// use PBF, which is read in two passes and keeps only the wanted nodes.
struct OSMXMLRoadReader {
    let profile: VehicleProfile

    /// What the file held.
    struct Counts: Sendable, Hashable {
        var nodes = 0
        var ways = 0
        var relations = 0
        var seconds = 0.0
    }

    private enum Parent { case none, node, way, relation, skipped }

    func read(path: String) throws(InputError) -> (OSMWaySet, Counts) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        var scanner = try XMLScanner(path: path)
        var counts = Counts()
        var ways = OSMWaySet()
        var allNodes = NodeIDTable()
        var nodeLat: [Int32] = [], nodeLon: [Int32] = []
        var sawRoot = false
        var parent = Parent.none
        var skipping = false
        var wayID: Int64 = 0
        var wayLine = 0
        var refs: [Int64] = []
        var tags = WayTags()
        var hasCandidateKey = false
        // The node being read (for its tags) and the nodes that stop the vehicle.
        var nodeID: Int64 = 0
        var nodeMayBlock = false
        var barrierIDs: [Int64] = []
        // The relation being read.
        var relationID: Int64 = 0
        var relationSkipped = false
        var members: [OSMTurnRestriction.Member] = []

        func fail(_ message: String) -> InputError {
            InputError(path: path, line: scanner.tagLine, message: message)
        }
        func requiredID(_ what: String) throws(InputError) -> Int64 {
            guard let span = scanner.attribute("id") else { throw fail("<\(what)> has no id") }
            guard let id = scanner.integer(span), id != Int64.min else {
                throw fail("<\(what)> has an invalid id '\(scanner.string(span))'")
            }
            return id
        }
        func isDeleted() -> Bool {
            if let a = scanner.attribute("action"), scanner.equals(a, "delete") { return true }
            if let v = scanner.attribute("visible"), scanner.equals(v, "false") { return true }
            return false
        }
        func finishWay() throws(InputError) {
            defer { parent = .none }
            guard !skipping else { return }
            counts.ways += 1
            guard hasCandidateKey, let rule = profile.rule(for: tags) else { return }
            ways.addWay(id: wayID, refs: refs, rule: rule)
        }
        func finishNode() {
            defer { parent = .none }
            if nodeMayBlock && profile.blocks(node: tags) { barrierIDs.append(nodeID) }
        }
        func finishRelation() {
            defer { parent = .none }
            guard !relationSkipped, let rule = profile.turnRestriction(tags) else { return }
            ways.restrictions += OSMTurnRestriction.expand(relationID: relationID, rule: rule, members: members)
        }

        while try scanner.next() {
            let name = scanner.name
            if scanner.isEndTag {
                if scanner.equals(name, "way") {
                    if parent == .way { try finishWay() }
                } else if scanner.equals(name, "node") {
                    if parent == .node { finishNode() } else if parent == .skipped { parent = .none }
                } else if scanner.equals(name, "relation") {
                    if parent == .relation { finishRelation() }
                }
                continue
            }
            if parent == .way && !scanner.equals(name, "nd") && !scanner.equals(name, "tag") {
                throw InputError(path: path, line: wayLine, message: "way \(wayID) is not closed before <\(scanner.string(name))> on line \(scanner.tagLine)")
            }
            if scanner.equals(name, "node") {
                let deleted = isDeleted()
                let id = try requiredID("node")
                if !scanner.isEmptyElement {
                    parent = deleted ? .skipped : .node
                    nodeID = id
                    nodeMayBlock = false
                    tags.removeAll()
                }
                if deleted { continue }
                counts.nodes += 1
                guard let latSpan = scanner.attribute("lat"), let lonSpan = scanner.attribute("lon") else {
                    throw fail("node \(id) has no lat/lon")
                }
                guard let lat = scanner.fixed7(latSpan), abs(lat) <= 900_000_000 else {
                    throw fail("node \(id) has an invalid latitude '\(scanner.string(latSpan))'")
                }
                guard let lon = scanner.fixed7(lonSpan), abs(lon) <= 1_800_000_000 else {
                    throw fail("node \(id) has an invalid longitude '\(scanner.string(lonSpan))'")
                }
                let slot = Int(allNodes.insert(id))
                if slot == nodeLat.count {
                    nodeLat.append(Int32(lat))
                    nodeLon.append(Int32(lon))
                } else {
                    nodeLat[slot] = Int32(lat)
                    nodeLon[slot] = Int32(lon)
                }
            } else if scanner.equals(name, "way") {
                skipping = isDeleted()
                wayID = try requiredID("way")
                wayLine = scanner.tagLine
                refs.removeAll(keepingCapacity: true)
                tags.removeAll()
                hasCandidateKey = false
                parent = .way
                if scanner.isEmptyElement { try finishWay() }
            } else if scanner.equals(name, "nd") {
                guard parent == .way else { continue }
                guard let span = scanner.attribute("ref"), let ref = scanner.integer(span) else {
                    throw fail("<nd> in way \(wayID) has no valid ref")
                }
                refs.append(ref)
            } else if scanner.equals(name, "tag") {
                guard parent == .way || parent == .node || parent == .relation else { continue }
                guard let k = scanner.attribute("k"), let v = scanner.attribute("v") else {
                    let element = parent == .way ? "way \(wayID)" : parent == .node ? "node \(nodeID)" : "relation \(relationID)"
                    throw fail("<tag> in \(element) lacks k or v")
                }
                guard let key = WayTags.Key(utf8: scanner.bytes(k)) else { continue }
                if key == .highway || key == .route { hasCandidateKey = true }
                if VehicleProfile.mayBlock(key) { nodeMayBlock = true }
                tags[key] = scanner.string(v)
            } else if scanner.equals(name, "member") {
                guard parent == .relation else { continue }
                guard let t = scanner.attribute("type"), let r = scanner.attribute("ref"), let ref = scanner.integer(r) else {
                    throw fail("<member> in relation \(relationID) has no valid type or ref")
                }
                let kind: OSMTurnRestriction.Member.Kind =
                    scanner.equals(t, "node") ? .node : scanner.equals(t, "way") ? .way : .relation
                let role = scanner.attribute("role").map { Substring(scanner.string($0)) } ?? ""
                members.append(.init(kind: kind, ref: ref, role: role))
            } else if scanner.equals(name, "relation") {
                let deleted = isDeleted()
                if !deleted { counts.relations += 1 }
                if !scanner.isEmptyElement {
                    parent = .relation
                    relationSkipped = deleted
                    relationID = try requiredID("relation")
                    members.removeAll(keepingCapacity: true)
                    tags.removeAll()
                }
            } else if scanner.equals(name, "osm") {
                sawRoot = true
                if let v = scanner.attribute("version"), !scanner.equals(v, "0.6") {
                    throw fail("OSM XML version \(scanner.string(v)) is not supported (expected 0.6)")
                }
            } else if scanner.equals(name, "osmChange") {
                throw fail("an osmChange (diff) file, not an OSM data file")
            } else if !sawRoot {
                throw fail("the root element is <\(scanner.string(name))>, not <osm>: not an OpenStreetMap XML file")
            }
        }
        if parent == .way { throw InputError(path: path, line: wayLine, message: "the file ends inside way \(wayID)") }
        guard sawRoot else { throw InputError(path: path, message: "no <osm> element: not an OpenStreetMap XML file") }

        ways.finalize()
        for slot in 0..<ways.nodeCount {
            if let s = allNodes.find(ways.nodeIDs[slot]) {
                ways.latitudes[slot] = nodeLat[Int(s)]
                ways.longitudes[slot] = nodeLon[Int(s)]
            }
        }
        ways.barrierSlots = barrierIDs.compactMap { ways.slot(ofNode: $0) }
        counts.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        return (ways, counts)
    }
}
