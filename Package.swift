// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "binhdan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "binhdan", targets: ["binhdan"]),
        // Engine micro-benchmarks and start-up time, run in release by `make bench`; not part of the server.
        .executable(name: "binhdan-microbench", targets: ["binhdan-microbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        // Already in the graph through Hummingbird; named because the server adds its own services (SIGHUP, --watch).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "CourseEngine",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "CourseEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "CourseEngine",
                "Storage",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "binhdan",
            dependencies: [
                "WebApp",
                "CourseEngine",
                "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Counts malloc calls by defining malloc & co. in the executable; only binhdan-microbench links it.
        .target(name: "CAllocCounter"),
        .executableTarget(
            name: "binhdan-microbench",
            dependencies: [
                "CAllocCounter",
                "CourseEngine",
                "Storage",
                "WebApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CourseEngineTests",
            dependencies: ["CourseEngine"]
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "CourseEngine"]
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp",
                "CourseEngine",
                "Storage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
