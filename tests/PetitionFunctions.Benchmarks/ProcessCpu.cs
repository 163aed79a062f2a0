using System.Globalization;

namespace PetitionFunctions.Benchmarks;

/// <summary>
/// CPU time from the kernel's own accounting (/proc/{pid}/stat: user and system time, in clock ticks of
/// 1/100 s on Linux) of a process and, separately, of its descendants (the real host's worker).
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    public sealed record Sample(TimeSpan Process, TimeSpan Descendants)
    {
        public TimeSpan Total => Process + Descendants;

        public static Sample operator -(Sample after, Sample before) =>
            new(after.Process - before.Process, after.Descendants - before.Descendants);
    }

    public static Sample Read(int pid)
    {
        var stats = AllStats();
        var descendants = new HashSet<int>();
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (child, (parent, _)) in stats)
                if ((parent == pid || descendants.Contains(parent)) && descendants.Add(child)) grew = true;
        }
        return new Sample(
            stats.TryGetValue(pid, out var own) ? own.Cpu : TimeSpan.Zero,
            descendants.Aggregate(TimeSpan.Zero, (sum, child) => sum + stats[child].Cpu));
    }

    private static Dictionary<int, (int Parent, TimeSpan Cpu)> AllStats()
    {
        var stats = new Dictionary<int, (int, TimeSpan)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            string line;
            try { line = File.ReadAllText(Path.Combine(folder, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // The command name (field 2) is in parentheses and may hold spaces: the fields after it follow its last ')'.
            var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            stats[pid] = (parent, TimeSpan.FromSeconds(ticks / TicksPerSecond));
        }
        return stats;
    }
}
