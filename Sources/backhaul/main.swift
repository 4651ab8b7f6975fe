import Backhaul

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let status = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), root: BackhaulCommand.root)
exit(status.rawValue)
