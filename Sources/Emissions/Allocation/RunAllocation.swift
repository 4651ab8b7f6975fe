/// The savings of a run split between its companies: per tour and company
/// (a *cell*), per tour, per company and in total — all in integer report
/// units that add up exactly.
///
/// Invariants (checked by ``_checkInvariants()`` in debug builds and by the
/// tests): the cells of a tour sum to the tour; the company figures sum to
/// ``total``; the tours' saved figures sum to ``total``'s.
public struct RunAllocation: Sendable, Hashable {
    /// One company's part of one tour.
    public struct Cell: Sendable, Hashable {
        /// The tour (index into ``tours``).
        public var tour: Int
        /// The company (index into ``companies``).
        public var company: Int
        /// The method's share of the tour's saving in metres, unrounded.
        public var shareMetres: Double
        /// The integer figures: this company's baseline within the tour and
        /// its allocated savings.
        public var figures: AllocationFigures
    }

    /// What a tour saved, and where its cells are.
    public struct Tour: Sendable, Hashable {
        /// Cells of this tour: `cells[cellRange]`.
        public var cellRange: Range<Int>
        /// The tour's baseline and savings (``AllocationFigures/standaloneCents``
        /// is 0: stand-alone money is reported per company).
        public var figures: AllocationFigures
        /// ``SplitMethod/equalProfit`` only: the core was empty and the
        /// least-core relaxation was used.
        public var leastCore: Bool
    }

    public var method: SplitMethod
    public var companies: [String]
    /// `true` when cost rates were given (the cents figures mean something).
    public var hasMoney: Bool
    public var tours: [Tour]
    public var cells: [Cell]
    /// Per company, indexed like ``companies``.
    public var companyFigures: [AllocationFigures]
    /// The run: company figures summed, except ``AllocationFigures/tours``,
    /// which counts each tour once.
    public var total: AllocationFigures

    /// Tours whose equal-profit split needed the least core.
    public var leastCoreTours: Int { tours.reduce(0) { $0 + ($1.leastCore ? 1 : 0) } }

    /// Checks that cells sum to tours and companies to the total.
    public func _checkInvariants() {
        var fromCells = [AllocationFigures](repeating: .zero, count: companies.count)
        for t in tours {
            var sum = AllocationFigures.zero
            for c in cells[t.cellRange] {
                sum = sum + c.figures
                fromCells[c.company] = fromCells[c.company] + c.figures
            }
            assert(sum.savedMetres == t.figures.savedMetres && sum.savedCents == t.figures.savedCents
                && sum.co2eSavedGramsWTW == t.figures.co2eSavedGramsWTW && sum.fuelSavedMillilitres == t.figures.fuelSavedMillilitres,
                "a tour's cells do not add up to the tour")
        }
        var companySum = companyFigures.reduce(AllocationFigures.zero, +)
        companySum.tours = total.tours  // a shared tour counts once per company
        assert(companySum == total, "company figures do not add up to the run total")
        let tourSaved = tours.reduce(0) { $0 + $1.figures.savedMetres }
        assert(tourSaved == total.savedMetres, "tours do not add up to the run total")
    }
}
