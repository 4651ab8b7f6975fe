// swift-tools-version:6.1
//===----------------------------------------------------------------------===//
//
// backhaul — pair A→B and B→A road freight so trucks stop running home empty.
//
// No package dependencies: the standard library, Foundation, Dispatch,
// Synchronization and system C libraries (zlib, SQLite) only.
//
//===----------------------------------------------------------------------===//

import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the package
/// default; these add the checks we want everywhere.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Benchmarks are built with the same flags as the product so that what they
/// measure is what users run.
func benchmark(_ name: String, path: String, dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchmarkSupport"] + dependencies,
        path: path,
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "backhaul",
    products: [
        .executable(name: "backhaul", targets: ["backhaul"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "Pairing", targets: ["Pairing"]),
        .library(name: "Emissions", targets: ["Emissions"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Backhaul", targets: ["Backhaul"]),
    ],
    targets: [
        // MARK: System libraries

        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),

        // MARK: Libraries

        .target(name: "Routing", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "Pairing", swiftSettings: swiftSettings),
        .target(name: "Emissions", swiftSettings: swiftSettings),
        .target(name: "Ledger", dependencies: ["CSQLite", "Emissions"], swiftSettings: swiftSettings),
        .target(
            name: "Backhaul",
            dependencies: ["Routing", "Pairing", "Emissions", "Ledger"],
            swiftSettings: swiftSettings
        ),

        // MARK: The command-line tool

        .executableTarget(name: "backhaul", dependencies: ["Backhaul"], swiftSettings: swiftSettings),

        // MARK: Tests

        .testTarget(
            name: "RoutingTests",
            dependencies: ["Routing"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PairingTests",
            dependencies: ["Pairing"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EmissionsTests", dependencies: ["Emissions"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "Emissions", "Backhaul", "backhaul"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BackhaulTests",
            dependencies: ["Backhaul", "backhaul"],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (`swift run -c release <Name> [filter]`)

        .target(name: "BenchmarkSupport", path: "Benchmarks/Support", swiftSettings: swiftSettings),
        benchmark("RoutingBenchmark", path: "Benchmarks/RoutingBenchmark", dependencies: ["Routing"]),
        benchmark("HierarchyBenchmark", path: "Benchmarks/HierarchyBenchmark", dependencies: ["Routing"]),
        benchmark("LandmarkBenchmark", path: "Benchmarks/LandmarkBenchmark", dependencies: ["Routing", "Pairing"]),
        benchmark("OSMBenchmark", path: "Benchmarks/OSMBenchmark", dependencies: ["Routing"]),
        benchmark("MatchingBenchmark", path: "Benchmarks/MatchingBenchmark", dependencies: ["Pairing"]),
        benchmark("BatchBenchmark", path: "Benchmarks/BatchBenchmark", dependencies: ["Pairing"]),
        benchmark("EmissionsBenchmark", path: "Benchmarks/EmissionsBenchmark", dependencies: ["Emissions"]),
        benchmark("MatchJobBenchmark", path: "Benchmarks/MatchJobBenchmark", dependencies: ["Backhaul", "Pairing"]),
        benchmark("ReportBenchmark", path: "Benchmarks/ReportBenchmark", dependencies: ["Backhaul", "Pairing", "Routing"]),
        benchmark("LedgerBenchmark", path: "Benchmarks/LedgerBenchmark", dependencies: ["Ledger", "Emissions", "Backhaul"]),
        benchmark("TourBenchmark", path: "Benchmarks/TourBenchmark", dependencies: ["Pairing"]),
    ]
)
