import KefuCore
import ArgumentParser
import Foundation
import KefuWeb

/// `kefu demo --hospital`: a hospital organization in a data folder of its own (`<KEFU_DATA_DIR>/hospital`),
/// with the shipped hospital rulebook copied beside its database, so the service center's data is untouched.
enum HospitalDemo {
    static func run(password: String) async throws {
        var settings = try AppRunner.settings()
        if ProcessInfo.processInfo.environment["KEFU_DATABASE_URL"]?.isEmpty == false {
            throw CommandFailure("kefu demo --hospital uses its own SQLite database in <data folder>/hospital; unset KEFU_DATABASE_URL")
        }
        let folder = (settings.dataDirectory as NSString).appendingPathComponent("hospital")
        try OwnerOnlyFiles.createFolder(folder)
        let rulebook = (folder as NSString).appendingPathComponent("rulebook.yaml")
        if !FileManager.default.fileExists(atPath: rulebook) {
            try FileManager.default.copyItem(atPath: KefuResources.directory + "Rulebook/hospital.yaml", toPath: rulebook)
        }
        settings.dataDirectory = folder
        settings.database = .sqliteFile((folder as NSString).appendingPathComponent("kefu.sqlite"))
        settings.rulebookFile = rulebook
        say("hospital demo: data folder \(folder), rulebook \(rulebook)")
        try await AppRunner.with(settings) { app in
            _ = try await KefuApp.ensureAdmin(app).map { say("admin password: \($0)") }
            try await DemoOrganization.load(app, password: password) { say($0) }
            let bar = ProgressBar(label: "导医 hospital")
            try await DemoHospital.load(app) { bar.show($0, of: $1) }
            bar.finish()
        }
        say("hospital demo loaded; every demo account's password: \(password)")
        say("serve it with: KEFU_DATA_DIR=\(folder) kefu serve --rulebook \(rulebook)")
    }
}
