public import Emissions
public import Pairing

extension MatchReport {
    /// What a run's savings are measured against (`docs/baselines.md`):
    /// the **counterfactual** (every loaded shipment's truck returns
    /// empty) and, when the batch has `load_status=empty` rows, the
    /// **observed** empty running; which of them the headline quotes; how
    /// much of the observed empty running the pairs could plausibly
    /// replace; the reference shares; and, with `--sensitivity`, the range
    /// of the saving under other assumptions.
    public struct Baselines: Sendable, Hashable {
        /// The two baselines.
        public enum Name: String, Sendable, Hashable, CaseIterable {
            case counterfactual
            case observed
        }

        /// One baseline: its arithmetic and the fuel and CO2e of its saving.
        public struct Baseline: Sendable, Hashable {
            public var name: Name
            public var figures: BaselineFigures
            /// Fuel and CO2e of the saving (negative when the saving is);
            /// `nil` when not estimated (a report built by hand).
            public var saving: Saving?

            public init(name: Name, figures: BaselineFigures, saving: Saving?) {
                self.name = name
                self.figures = figures
                self.saving = saving
            }
        }

        /// The observed empty runs the pairs could plausibly replace
        /// (``EmptyRunReplacement``).
        public struct Replacement: Sendable, Hashable {
            /// Runs matched to a return the pairs remove.
            public var runs: Int
            /// Their total length.
            public var metres: Int64
            /// The rule they were matched by.
            public var rule: EmptyRunReplacement.Rule
            /// Candidate (run, return) pairs the matching chose from.
            public var candidatePairs: Int
            /// Observed runs with a route but an end without a known place
            /// (node ids on a graph without coordinates): never matched.
            public var runsWithoutPlace: Int

            public init(runs: Int, metres: Int64, rule: EmptyRunReplacement.Rule, candidatePairs: Int, runsWithoutPlace: Int = 0) {
                self.runs = runs
                self.metres = metres
                self.rule = rule
                self.candidatePairs = candidatePairs
                self.runsWithoutPlace = runsWithoutPlace
            }
        }

        public var counterfactual: Baseline
        /// `nil` when the batch has no observed empty run with a route.
        public var observed: Baseline?
        /// Observed empty runs with a route (counted in ``observed``) and
        /// without.
        public var observedRuns: Int
        public var observedRunsWithoutRoute: Int
        /// `nil` without observed runs, or in a report built by hand.
        public var replacement: Replacement?
        /// The `--sensitivity` reruns (`nil` without the option).
        public var sensitivity: Sensitivity?
        /// The published shares the run's shares are read against.
        public var references: [EmptyRunningReference] = EmptyRunningReference.all

        public init(counterfactual: Baseline, observed: Baseline?, observedRuns: Int, observedRunsWithoutRoute: Int) {
            self.counterfactual = counterfactual
            self.observed = observed
            self.observedRuns = observedRuns
            self.observedRunsWithoutRoute = observedRunsWithoutRoute
        }

        /// The baselines as far as the summary tells them: the
        /// counterfactual in full, the observed one without its emissions
        /// (the job replaces this with ``MatchJob``'s full figures).
        public init(summary s: Summary) {
            let counterfactual = Baseline(
                name: .counterfactual,
                figures: BaselineFigures(emptyMetresBefore: s.emptyBeforeM, emptyMetresAfter: s.emptyAfterM, loadedMetres: s.loadedM),
                saving: Saving(metres: Int(s.savedM), litres: s.fuelSavedLitres, co2eKgTTW: s.co2eSavedKgTTW, co2eKgWTW: s.co2eSavedKgWTW))
            let observed = s.observedEmptyM > 0
                ? Baseline(
                    name: .observed,
                    figures: BaselineFigures(emptyMetresBefore: s.observedEmptyM, emptyMetresAfter: s.emptyAfterM, loadedMetres: s.loadedM),
                    saving: nil)
                : nil
            self.init(counterfactual: counterfactual, observed: observed, observedRuns: s.observedEmptyRuns, observedRunsWithoutRoute: 0)
        }

        /// The baseline the headline quotes: the observed one when the batch
        /// has observed empty running, else the counterfactual.
        public var quoted: Baseline { observed ?? counterfactual }

        /// Whether the counterfactual's saving is an upper bound: always
        /// without observed empty running (hauliers find some backloads
        /// themselves; Swedish lorries run 17 % of their km empty, not the
        /// half that every return empty means), and with it when the
        /// observed empty km are at most the counterfactual's.
        public var counterfactualIsUpperBound: Bool {
            guard let observed else { return true }
            return observed.figures.emptyMetresBefore <= counterfactual.figures.emptyMetresBefore
        }

        /// The baselines in report order: counterfactual, then observed.
        public var all: [Baseline] { [counterfactual] + (observed.map { [$0] } ?? []) }

        /// How a baseline is described in words.
        public func description(of name: Name) -> String {
            switch name {
            case .counterfactual:
                "every loaded trip's truck returns empty" + (counterfactualIsUpperBound ? " (an upper bound)" : "")
            case .observed:
                "the batch's \(observedRuns) observed empty run\(observedRuns == 1 ? "" : "s") (load_status=empty)"
            }
        }
    }

    /// The `--sensitivity` reruns: the saving under the assumptions a
    /// reviewer would question, and its range.
    public struct Sensitivity: Sendable, Hashable {
        /// One rerun (or the base run), or an assumption that does not apply.
        public struct Variant: Sendable, Hashable {
            /// What was changed, e.g. `circuity 1.2`, `handling 30 min`.
            public var name: String
            /// `nil` when the variant ran; else why it does not apply (the
            /// figures are then those of the base run).
            public var notApplicable: String?
            public var pairs: Int
            /// Saved against the counterfactual.
            public var counterfactualSavedM: Int64
            public var counterfactualCO2eKgWTW: Double
            /// Saved against the observed empty running (`nil` without it).
            public var observedSavedM: Int64?
            public var observedCO2eKgWTW: Double?
            /// `certified`, `bounded` or `not_optimal`.
            public var optimality: String
            /// For `bounded`: the proven maximum saving minus the saving found.
            public var gapM: Int64?

            public init(name: String, notApplicable: String? = nil, pairs: Int, counterfactualSavedM: Int64,
                        counterfactualCO2eKgWTW: Double, observedSavedM: Int64?, observedCO2eKgWTW: Double?, optimality: String,
                        gapM: Int64? = nil) {
                self.gapM = gapM
                self.name = name
                self.notApplicable = notApplicable
                self.pairs = pairs
                self.counterfactualSavedM = counterfactualSavedM
                self.counterfactualCO2eKgWTW = counterfactualCO2eKgWTW
                self.observedSavedM = observedSavedM
                self.observedCO2eKgWTW = observedCO2eKgWTW
                self.optimality = optimality
            }
        }

        /// The run itself, with the options as given.
        public var base: Variant
        /// The reruns and the assumptions that do not apply, in a fixed order.
        public var variants: [Variant]

        public init(base: Variant, variants: [Variant]) {
            self.base = base
            self.variants = variants
        }

        /// The base run and every variant that ran.
        public var ran: [Variant] { [base] + variants.filter { $0.notApplicable == nil } }

        /// Smallest and largest of a figure over ``ran`` (the base included,
        /// so the range always contains it).
        public func range<T: Comparable>(_ figure: (Variant) -> T?) -> ClosedRange<T>? {
            let values = ran.compactMap(figure)
            guard let lo = values.min(), let hi = values.max() else { return nil }
            return lo...hi
        }
    }
}
