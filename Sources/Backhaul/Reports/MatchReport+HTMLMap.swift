import Routing

extension MatchReport {
    /// Whether the HTML map aggregates (more than
    /// ``ReportLimits/mapDetailedPairs`` pairs) instead of drawing every
    /// pair's cycle.
    var mapIsAggregated: Bool { pairs.count + longTours.count > ReportLimits.mapDetailedPairs }

    /// Indices into ``tours`` of the tours of 3 or more shipments.
    var longTours: [Int] { tours.indices.filter { tours[$0].pair == nil } }

    /// The cycle the map draws as number `i`: pair `i` below
    /// `pairs.count`, else tour `i − pairs.count` (a tour of 3 or more).
    private func mapCycle(_ i: Int) -> (legs: [Leg], label: String, title: String, savingM: Int64) {
        if i < pairs.count {
            let p = pairs[i]
            return (p.legs, "\(i + 1)", "\(i + 1): \(p.a) + \(p.b)", p.savingM)
        }
        let t = tours[i - pairs.count]
        let legs = t.legs.map { Leg(kind: $0.mapKind, shipment: $0.kind == .loaded ? $0.from : nil, distanceM: $0.distanceM, polyline: $0.polyline) }
        return (legs, "T\(t.number)", "T\(t.number): \(t.shipments.joined(separator: " → "))", t.savingM)
    }

    /// Every cycle the map may draw, by map number.
    private var mapCycles: [Int] { Array(pairs.indices) + longTours.map { pairs.count + $0 } }

    /// Whether cycle `i` has a leg to draw.
    private func isDrawable(_ i: Int) -> Bool { mapCycle(i).legs.contains { $0.polyline.count >= 2 } }

    /// The cycles the map draws in colour, by map number (pairs, then
    /// tours of 3 or more at `pairs.count + ` their index in ``tours``):
    /// every drawable one, or on an aggregated map the
    /// ``ReportLimits/mapHighlighted`` largest savings of the pairs and of
    /// the tours. The tables mark them with their colour.
    var mapColouredPairs: [Int] {
        if !mapIsAggregated { return mapCycles.filter(isDrawable) }
        let topTours = longTours.sorted { (tours[$0].savingM, $1) > (tours[$1].savingM, $0) }.prefix(ReportLimits.mapHighlighted)
        return (listedPairs(limit: ReportLimits.mapHighlighted).indices + topTours.map { pairs.count + $0 }).filter(isDrawable)
    }

    /// The two ends of every loaded leg of every pair and tour, in pairs.
    private var loadedLegEnds: [Coordinate] {
        var ends: [Coordinate] = []
        for i in mapCycles {
            for leg in mapCycle(i).legs where leg.kind == .loaded && leg.polyline.count >= 2 {
                ends += [leg.polyline[0], leg.polyline[leg.polyline.count - 1]]
            }
        }
        return ends
    }

    /// Writes the map of `report.html`: an inline SVG (no external tiles or
    /// fonts), then its legend and caption.
    ///
    /// Up to ``ReportLimits/mapDetailedPairs`` pairs, every pair's cycle is
    /// drawn in its own colour: loaded legs solid, the repositioning dashed,
    /// the empty return dotted. Above that, one line per pair would be a
    /// tangle (and 100,000 paths a 100 MB page), so the loaded legs are
    /// aggregated on a grid of 20-pixel cells: one line per pair of cells
    /// that loads run between, in either direction, its width and opacity
    /// growing with the square root of the number of loads, at most
    /// ``ReportLimits/mapFlows`` lines (the heaviest); the
    /// ``ReportLimits/mapHighlighted`` largest savings are drawn over it in
    /// colour, numbered as in the table. Road lines appear only when the run
    /// had a road graph; a scale bar and a legend are always there.
    ///
    /// - Complexity: O(points of all legs) time; O(pairs) memory for the
    ///   grid counts; output bounded by the limits above (and the
    ///   background roads the job chose).
    ///
    /// - Parameter coloured: ``mapColouredPairs``, computed once by the
    ///   caller (the table marks the same pairs).
    func writeHTMLMap(to out: BufferedWriter, coloured: [Int]) {
        let aggregated = mapIsAggregated
        let projection: MapProjection?
        if aggregated {
            projection = MapProjection(points: loadedLegEnds, trim: ReportLimits.mapTrim)
        } else {
            projection = MapProjection(points: coloured.lazy.flatMap { self.mapCycle($0).legs.lazy.flatMap(\.polyline) })
        }
        guard let map = projection else {
            out.write("<p class=\"note\">No pair to draw.</p>\n")
            return
        }
        let w = JSONValue.format(map.width, decimals: 0), h = JSONValue.format(map.height, decimals: 0)
        out.write("<svg class=\"map\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" "
            + "aria-label=\"Map of the pairs\">\n")
        let roads = writeRoads(map, out)
        let flows = aggregated ? writeFlows(map, out) : nil
        for i in coloured { writePairCycle(i, map, numbered: aggregated, out) }
        let bar = writeScaleBar(map, out)
        out.write("</svg>\n")
        writeLegend(flows: flows, coloured: coloured.count, roads: roads, scale: bar, out)
    }

    /// The background roads inside the map; returns how many were drawn.
    private func writeRoads(_ map: MapProjection, _ out: BufferedWriter) -> Int {
        var drawn = 0
        for road in backgroundRoads where road.count >= 2 && road.contains(where: map.contains) {
            if drawn == 0 { out.write("<g fill=\"none\" stroke=\"#c5ccd6\" stroke-width=\"0.6\" stroke-linecap=\"round\">\n") }
            out.write("<polyline points=\"\(map.polyline(road))\"/>\n")
            drawn += 1
        }
        if drawn > 0 { out.write("</g>\n") }
        return drawn
    }

    /// What the aggregated layer drew, for the caption.
    private struct FlowSummary {
        var cellKilometres: Double
        var drawn: Int
        var total: Int
        var maxLoads: Int
        var hiddenLoads: Int
        /// Load ends outside the frame (see ``ReportLimits/mapTrim``).
        var endsOutside: Int
    }

    /// Loaded legs binned on a grid of 20-pixel cells, one line per pair of
    /// cells (either direction), heaviest drawn last. Cells outside the
    /// frame keep their place, so a line to a far-away end runs off the
    /// edge in its true direction.
    private func writeFlows(_ map: MapProjection, _ out: BufferedWriter) -> FlowSummary {
        let cell = 20.0
        func cellOf(_ c: Coordinate) -> SIMD2<Int32> {
            SIMD2(Int32(clamping: Int((map.x(c) / cell).rounded(.down))), Int32(clamping: Int((map.y(c) / cell).rounded(.down))))
        }
        var counts: [SIMD4<Int32>: Int] = [:]
        var outside = 0
        let ends = loadedLegEnds
        for e in stride(from: 0, to: ends.count, by: 2) {
            do {
                let from = ends[e], to = ends[e + 1]
                outside += (map.contains(from) ? 0 : 1) + (map.contains(to) ? 0 : 1)
                var a = cellOf(from), b = cellOf(to)
                if (b.x, b.y) < (a.x, a.y) { swap(&a, &b) }
                counts[SIMD4(a.x, a.y, b.x, b.y), default: 0] += 1
            }
        }
        func precedes(_ l: (key: SIMD4<Int32>, value: Int), _ r: (key: SIMD4<Int32>, value: Int)) -> Bool {
            if l.value != r.value { return l.value > r.value }
            return (l.key.x, l.key.y, l.key.z, l.key.w) < (r.key.x, r.key.y, r.key.z, r.key.w)
        }
        let flows = counts.sorted(by: precedes)
        let drawn = flows.prefix(ReportLimits.mapFlows)
        let maxLoads = flows.first?.value ?? 1
        func centre(_ x: Int32, _ y: Int32) -> (String, String) {
            (JSONValue.format((Double(x) + 0.5) * cell, decimals: 1), JSONValue.format((Double(y) + 0.5) * cell, decimals: 1))
        }
        // Width and opacity both grow with √(loads / most loads): a dense
        // mesh of single loads stays a light haze under the heavy flows.
        out.write("<g stroke=\"#1f5fa8\" stroke-linecap=\"round\" fill=\"#1f5fa8\">\n")
        for (key, loads) in drawn.reversed() {
            let weight = (Double(loads) / Double(maxLoads)).squareRoot()
            let opacity = JSONValue.format(0.15 + 0.55 * weight, decimals: 2)
            let (x1, y1) = centre(key.x, key.y)
            if key.x == key.z && key.y == key.w {
                out.write("<circle cx=\"\(x1)\" cy=\"\(y1)\" r=\"\(JSONValue.format(2 + 5 * weight, decimals: 1))\" "
                    + "fill-opacity=\"\(opacity)\" stroke=\"none\"/>\n")
            } else {
                let (x2, y2) = centre(key.z, key.w)
                out.write("<line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" "
                    + "stroke-width=\"\(JSONValue.format(0.8 + 6.2 * weight, decimals: 1))\" stroke-opacity=\"\(opacity)\"/>\n")
            }
        }
        out.write("</g>\n")
        return FlowSummary(cellKilometres: cell * map.kilometresPerPixel, drawn: drawn.count, total: flows.count,
                           maxLoads: maxLoads, hiddenLoads: flows.dropFirst(drawn.count).reduce(0) { $0 + $1.value },
                           endsOutside: outside)
    }

    /// One pair's cycle in its colour, with its title; numbered on the
    /// aggregated map.
    private func writePairCycle(_ i: Int, _ map: MapProjection, numbered: Bool, _ out: BufferedWriter) {
        let p = mapCycle(i)
        let colour = Self.pairColour(i)
        out.write("<g fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.85\" stroke-linecap=\"round\" stroke-linejoin=\"round\">")
        out.write("<title>\(HTMLText.escape(p.title)): \(kmText(p.savingM)) km saved</title>\n")
        for leg in p.legs where leg.polyline.count >= 2 {
            let style: String
            switch leg.kind {
            case .loaded: style = "stroke-width=\"3\""
            case .reposition: style = "stroke-width=\"2\" stroke-dasharray=\"8 5\""
            case .return: style = "stroke-width=\"1.5\" stroke-dasharray=\"2 4\""
            }
            out.write("<polyline \(style) points=\"\(map.polyline(leg.polyline))\"/>\n")
        }
        out.write("</g>\n")
        // Deliveries as squares, then pickups as circles with a white ring
        // on top: where a return load starts at the first one's delivery,
        // both marks stay visible.
        let loaded = p.legs.filter { $0.kind == .loaded && $0.polyline.count >= 2 }
        for leg in loaded {
            let b = leg.polyline[leg.polyline.count - 1]
            out.write("<rect x=\"\(JSONValue.format(map.x(b) - 5, decimals: 1))\" y=\"\(JSONValue.format(map.y(b) - 5, decimals: 1))\" "
                + "width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
        }
        for leg in loaded {
            let a = leg.polyline[0]
            out.write("<circle cx=\"\(JSONValue.format(map.x(a), decimals: 1))\" cy=\"\(JSONValue.format(map.y(a), decimals: 1))\" "
                + "r=\"3.5\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        }
        out.write("\n")
        if numbered, let start = p.legs.first(where: { $0.polyline.count >= 2 })?.polyline.first {
            out.write("<text x=\"\(JSONValue.format(map.x(start) + 6, decimals: 1))\" y=\"\(JSONValue.format(map.y(start) - 6, decimals: 1))\" "
                + "font-size=\"13\" font-weight=\"bold\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"3\" "
                + "paint-order=\"stroke\">\(p.label)</text>\n")
        }
    }

    /// A scale bar in the lower left corner; returns its label.
    private func writeScaleBar(_ map: MapProjection, _ out: BufferedWriter) -> String {
        let (label, pixels) = map.scaleBar()
        let x0 = 14.0, y0 = map.height - 12
        func f(_ v: Double) -> String { JSONValue.format(v, decimals: 1) }
        out.write("<g font-size=\"12\" fill=\"#1d2430\">")
        out.write("<rect x=\"\(f(x0 - 6))\" y=\"\(f(y0 - 24))\" width=\"\(f(pixels + 12))\" height=\"30\" fill=\"#fff\" fill-opacity=\"0.8\"/>")
        out.write("<path d=\"M\(f(x0)) \(f(y0 - 6))V\(f(y0))H\(f(x0 + pixels))V\(f(y0 - 6))\" fill=\"none\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>")
        out.write("<text x=\"\(f(x0))\" y=\"\(f(y0 - 10))\">\(label)</text></g>\n")
        return label
    }

    /// A line sample for the legend.
    private static func sample(_ attributes: String) -> String {
        "<svg width=\"36\" height=\"12\" aria-hidden=\"true\"><line x1=\"2\" y1=\"6\" x2=\"34\" y2=\"6\" stroke-linecap=\"round\" \(attributes)/></svg>"
    }

    private func writeLegend(flows: FlowSummary?, coloured: Int, roads: Int, scale: String, _ out: BufferedWriter) {
        out.write("<ul class=\"legend\">\n")
        if let flows {
            out.write("<li>\(Self.sample("stroke=\"#1f5fa8\" stroke-opacity=\"0.15\" stroke-width=\"0.8\""))"
                + "1 paired load between two grid cells</li>\n")
            out.write("<li>\(Self.sample("stroke=\"#1f5fa8\" stroke-opacity=\"0.7\" stroke-width=\"7\""))"
                + "\(grouped(flows.maxLoads)) loads (the most)</li>\n")
        }
        let ink = "stroke=\"#1d2430\""
        out.write("<li>\(Self.sample(ink + " stroke-width=\"3\""))loaded</li>\n")
        out.write("<li>\(Self.sample(ink + " stroke-width=\"2\" stroke-dasharray=\"8 5\""))repositioning between loads</li>\n")
        out.write("<li>\(Self.sample(ink + " stroke-width=\"1.5\" stroke-dasharray=\"2 4\""))empty return</li>\n")
        out.write("<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"3.5\" fill=\"#1d2430\"/></svg>"
            + "pickup <svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"10\" height=\"10\" fill=\"#1d2430\"/></svg>"
            + "delivery</li>\n")
        if roads > 0 { out.write("<li>\(Self.sample("stroke=\"#c5ccd6\" stroke-width=\"2\""))roads</li>\n") }
        out.write("<li>scale bar: \(scale)</li>\n</ul>\n")

        var caption = ""
        if let flows {
            caption += "\(grouped(summary.pairs)) pairs are too many to draw one by one: each blue line joins two cells of a "
                + "\(grouped(flows.cellKilometres, decimals: 0)) km grid between which paired loads run, in either direction; "
                + "its width and darkness grow with the number of loads (1 to \(grouped(flows.maxLoads))), and a circle stands for loads "
                + "within one cell. "
            if flows.drawn < flows.total {
                caption += "The \(grouped(flows.drawn)) heaviest of \(grouped(flows.total)) lines are drawn; the other "
                    + "\(grouped(flows.hiddenLoads)) loads are in <code>pairs.geojson</code>. "
            }
            if flows.endsOutside > 0 {
                caption += "\(grouped(flows.endsOutside)) load ends lie beyond the frame, which leaves out the farthest "
                    + "\(JSONValue.format(ReportLimits.mapTrim * 100, decimals: 1)) % at each side; their lines run off the edge. "
            }
            caption += "In colour, numbered as in the table: the \(grouped(coloured)) largest savings. "
        } else {
            caption += longTours.isEmpty ? "Each pair's cycle in its own colour, as in the table. "
                : "Each pair's and each tour's cycle in its own colour, as in the tables (tours numbered T1, T2, …). "
        }
        if graph.distanceModel == "crowfly" {
            caption += "Lines are straight: without a road graph the distances are a crow-fly estimate, and no roads are drawn."
        } else if roads > 0 {
            caption += "Legs follow the roads of the graph; grey: roads of the graph around the pairs."
        } else {
            caption += "Legs follow the roads of the graph."
        }
        out.write("<p class=\"note\">\(caption)</p>\n")
    }
}
