// swift-tools-version: 6.2
import PackageDescription

/// Strict settings applied to every target (STYLE.md §5).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .unsafeFlags(["-require-explicit-sendable"]),
]

var package = Package(
    name: "relatoria",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "relatoria", targets: ["relatoria"]),
        .library(name: "RelatoriaKit", targets: ["RelatoriaKit"]),
        .library(name: "RelatoriaFollowUp", targets: ["RelatoriaFollowUp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer0d"])]
        ),
        .target(
            name: "RelatoriaCore",
            // ICURegex calls the ICU of the toolchain's Foundation (module _FoundationICU) directly.
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        .target(
            name: "RelatoriaStore",
            dependencies: [
                "RelatoriaCore", "CStemmer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "RelatoriaReaders",
            dependencies: [
                "RelatoriaCore", "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "RelatoriaExtractors",
            dependencies: [
                "RelatoriaCore",
                .product(name: "Yams", package: "Yams"),
            ]
            // Optimized like the rest since session 2; the one function an optimized build
            // miscompiled (AttendeeExtractor.extract) is kept unoptimized with @_optimize(none).
        ),
        .target(
            name: "RelatoriaKit",
            dependencies: [
                "RelatoriaCore", "RelatoriaReaders", "RelatoriaExtractors", "RelatoriaStore", "RelatoriaFollowUp", "RelatoriaReview",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "RelatoriaReview",
            dependencies: ["RelatoriaCore", "RelatoriaStore"]
        ),
        .target(
            name: "RelatoriaFollowUp",
            dependencies: [
                "RelatoriaCore", "RelatoriaStore", "RelatoriaReview",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "RelatoriaWatch",
            dependencies: [
                "RelatoriaCore", "RelatoriaKit", "RelatoriaStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "RelatoriaServer",
            dependencies: [
                "RelatoriaCore", "RelatoriaKit", "RelatoriaStore", "RelatoriaFollowUp", "RelatoriaReview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "relatoria",
            dependencies: [
                "RelatoriaKit", "RelatoriaCore", "RelatoriaExtractors", "RelatoriaStore", "RelatoriaWatch", "RelatoriaFollowUp",
                "RelatoriaServer", "RelatoriaReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "RelatoriaTestSupport",
            dependencies: ["RelatoriaCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/RelatoriaTestSupport"
        ),
        .testTarget(
            name: "RelatoriaReadersTests",
            dependencies: ["RelatoriaReaders", "RelatoriaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RelatoriaExtractorsTests",
            dependencies: ["RelatoriaExtractors", "RelatoriaReaders", "RelatoriaKit", "RelatoriaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RelatoriaStoreTests",
            dependencies: ["RelatoriaStore", "RelatoriaKit", "RelatoriaTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "RelatoriaFollowUpTests",
            dependencies: ["RelatoriaFollowUp", "RelatoriaKit", "RelatoriaExtractors", "RelatoriaStore", "RelatoriaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RelatoriaReviewTests",
            dependencies: ["RelatoriaReview", "RelatoriaKit", "RelatoriaExtractors", "RelatoriaStore", "RelatoriaCore", "RelatoriaFollowUp", "RelatoriaTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "RelatoriaServerTests",
            dependencies: ["RelatoriaServer", "RelatoriaKit", "RelatoriaCore", "RelatoriaExtractors", "RelatoriaStore", "RelatoriaTestSupport", "RelatoriaFollowUp", "RelatoriaReview",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOFoundationCompat", package: "swift-nio"),
                           .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio")]
        ),
        .testTarget(
            name: "RelatoriaCLITests",
            dependencies: ["relatoria", "RelatoriaTestSupport", "RelatoriaKit", "RelatoriaWatch", "RelatoriaReview",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
