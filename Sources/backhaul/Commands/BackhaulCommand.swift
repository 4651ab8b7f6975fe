import Backhaul

/// The root of the command tree. Each subcommand lives in its own file.
///
/// Adding a subcommand:
/// 1. Create `Sources/backhaul/Commands/<Name>Command.swift` with
///    `extension BackhaulCommand { static var <name>: CommandSpec { … } }`:
///    its `path`, a one-line `abstract`, a `discussion` that teaches (what it
///    reads, what it writes, units), `options` (`.value(...)`, `.flag(...)`;
///    start the help of required options with "(required)"), positional
///    `arguments`, real `examples`, and `run`.
/// 2. `run` only turns ``ParsedArguments`` into the job's options struct
///    (typed accessors such as `args.required("graph")`, `args.int("threads",
///    in: 1...256)` throw usage errors naming the option) and calls the job in
///    the `Backhaul` module, which does the work, writes its output (stdout via
///    `Console.writeStdout`, files via `AtomicFile.write`) and throws
///    ``CommandFailure`` with the contract's exit status on failure.
/// 3. List it in ``subcommands`` below.
enum BackhaulCommand {
    static var root: CommandSpec {
        CommandSpec(
            path: [],
            abstract: "Pair A→B road freight with B→A freight so trucks stop driving home empty.",
            discussion: """
                backhaul reads shipment batches, routes them over a real road graph \
                (OpenStreetMap or DIMACS), pairs shipments whose trucks would otherwise \
                return empty, and reports the kilometres, litres and CO2e saved.

                Exit status: 0 success; 1 --strict and some rows were rejected; 2 usage \
                error; 3 invalid input; 4 internal error; 5 reading or writing a file \
                failed; 6 the output folder is locked by another run; 7 too large for \
                this machine's memory. The reference: docs/reference.md.
                """,
            subcommands: subcommands
        )
    }

    /// Every subcommand, in the order `--help` lists them.
    static let subcommands: [CommandSpec] = [
        match,
        route,
        matrix,
        graph,
        emissions,
        ledger,
    ]
}
