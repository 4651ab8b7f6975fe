import Backhaul
print("backhaul \(BackhaulVersion.string)")
