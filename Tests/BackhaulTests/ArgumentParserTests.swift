import Backhaul
import Testing
@testable import backhaul

/// A command tree shaped like the real one, so the parser is tested apart
/// from the jobs.
private let tree: CommandSpec = {
    let route = CommandSpec(
        path: ["route"], abstract: "One route.",
        options: [
            .value("graph", "graph", help: "(required) The graph."),
            .value("from", "lat,lon", help: "(required) Start."),
            .value("format", "format", help: "Output format.", choices: ["text", "json", "geojson"], default: "text"),
            .value("threads", "n", help: "Threads."),
            .value("out", short: "o", "file", help: "Output file."),
            .flag("quiet", help: "No progress."),
        ],
        run: { _ throws(CommandFailure) in .success })
    let match = CommandSpec(
        path: ["match"], abstract: "Pair.",
        options: [.value("graph", "graph", help: "The graph.")],
        arguments: [ArgumentSpec(name: "batch", help: "Batches.", variadic: true)],
        run: { _ throws(CommandFailure) in .success })
    let build = CommandSpec(path: ["graph", "build"], abstract: "Build.",
        arguments: [ArgumentSpec(name: "input", help: "Input.")],
        run: { _ throws(CommandFailure) in .success })
    let graph = CommandSpec(path: ["graph"], abstract: "Graphs.", subcommands: [build])
    return CommandSpec(path: [], abstract: "Root.", subcommands: [route, match, graph])
}()

private func parse(_ words: [String]) throws(UsageError) -> ParsedArguments {
    switch try ArgumentParser.parse(words, root: tree) {
    case .run(let p): return p
    case .help(let c): throw UsageError(message: "help for \(c.fullName)", command: c)
    case .version: throw UsageError(message: "version", command: tree)
    }
}

private func error(_ words: [String]) -> String? {
    do { _ = try parse(words); return nil } catch { return error.message }
}

@Suite struct ArgumentParserTests {
    @Test func optionsFlagsAndEquals() throws {
        let p = try parse(["route", "--graph", "g.bhg", "--from=1,2", "--quiet", "-o", "x.json"])
        #expect(p.command.path == ["route"])
        #expect(p.string("graph") == "g.bhg")
        #expect(p.string("from") == "1,2")
        #expect(p.string("out") == "x.json")
        #expect(p.flag("quiet"))
        #expect(!p.flag("other"))
    }

    @Test func positionalsDashAndDoubleDash() throws {
        let p = try parse(["match", "a.csv", "-", "--graph", "g", "--", "--weird.csv"])
        #expect(p.positionals == ["a.csv", "-", "--weird.csv"])
    }

    @Test func nestedSubcommands() throws {
        let p = try parse(["graph", "build", "in.osm.pbf"])
        #expect(p.command.fullName == "backhaul graph build")
        #expect(p.positionals == ["in.osm.pbf"])
    }

    @Test(arguments: [
        (["route", "--fro", "1,2"], "unknown option '--fro'; did you mean '--from'?"),
        (["route", "--bogus"], "unknown option '--bogus'"),
        (["route", "-x"], "unknown option '-x'"),
        (["route", "--graph"], "missing value for '--graph <graph>'"),
        (["route", "--graph", "--quiet"], "missing value for '--graph <graph>' (found option '--quiet')"),
        (["route", "--format", "jsn"], "invalid value 'jsn' for '--format <format>'; expected one of: text, json, geojson (did you mean 'json'?)"),
        (["route", "--quiet=yes"], "'--quiet' is a flag and takes no value"),
        (["route", "--graph", "a", "--graph", "b"], "'--graph <graph>' given more than once"),
        (["route", "extra"], "unexpected argument 'extra'"),
        (["rout"], "unknown subcommand 'rout'; did you mean 'route'?"),
        (["graph", "biuld"], "unknown subcommand 'biuld'; did you mean 'build'?"),
        (["graph", "build"], "missing expected argument '<input>'"),
        (["match"], "missing expected argument '<batch> ...'"),
    ])
    func usageErrors(words: [String], message: String) {
        #expect(error(words) == message)
    }

    @Test func helpAnywhere() throws {
        for words in [["route", "--help"], ["route", "--graph", "g", "-h"], ["help", "route"], ["graph"], ["graph", "--help"]] {
            #expect(throws: UsageError.self) { try parse(words) }
        }
        if case .help(let c) = try ArgumentParser.parse(["help", "graph", "build"], root: tree) {
            #expect(c.fullName == "backhaul graph build")
        } else {
            Issue.record("expected help")
        }
        if case .version = try ArgumentParser.parse(["--version"], root: tree) {} else { Issue.record("expected version") }
    }

    @Test func typedAccessors() throws {
        let p = try parse(["route", "--threads", "x", "--from", "91,0"])
        #expect(throws: CommandFailure.self) { try p.int("threads") }
        #expect(throws: CommandFailure.self) { try p.coordinate("from") }
        let q = try parse(["route", "--threads", "3", "--from", "56.87, 14.8"])
        #expect(try q.int("threads", in: 1...64) == 3)
        let c = try #require(try q.coordinate("from"))
        #expect(c.latitude == 56.87 && c.longitude == 14.8)
    }

    @Test func helpPageLists() {
        let text = HelpFormatter.help(tree.subcommands[0])
        #expect(text.contains("USAGE: backhaul route --graph <graph> --from <lat,lon> [--format <format>]"))
        #expect(text.contains("(default: text)"))
        #expect(text.contains("-o, --out <file>"))
        #expect(text.contains("-h, --help"))
        let root = HelpFormatter.help(tree)
        #expect(root.contains("SUBCOMMANDS:"))
        #expect(root.contains("USAGE: backhaul <subcommand>"))
    }

    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("flaw", "lawn", 2), ("same", "same", 0)])
    func editDistance(a: String, b: String, d: Int) {
        #expect(ArgumentParser.editDistance(Array(a), Array(b)) == d)
    }
}

@Suite struct RealHelpPagesTests {
    /// Every command of the real tree, nested ones included.
    static var commands: [CommandSpec] {
        var all: [CommandSpec] = []
        var stack = [BackhaulCommand.root]
        while let c = stack.popLast() {
            all.append(c)
            stack += c.subcommands
        }
        return all
    }

    @Test func usageLinesFitEightyColumnsAndKeepOptionsWhole() {
        for c in Self.commands {
            let lines = ("USAGE: " + HelpFormatter.usage(c)).split(separator: "\n")
            for line in lines {
                #expect(line.count <= 80, "\(c.fullName): \(line)")
                // A bracketed option never opens on one line and closes on the next.
                #expect(line.filter { $0 == "[" }.count == line.filter { $0 == "]" }.count, "\(c.fullName): \(line)")
            }
        }
    }

    @Test func everyCommandHasHelpAndExamplesOrSubcommands() {
        for c in Self.commands where !c.path.isEmpty {
            let help = HelpFormatter.help(c)
            #expect(help.hasPrefix("OVERVIEW: "))
            #expect(!c.examples.isEmpty || !c.subcommands.isEmpty, "\(c.fullName) has no examples")
            for o in c.options { #expect(!o.help.isEmpty, "\(c.fullName) --\(o.name) has no help") }
        }
    }
}
