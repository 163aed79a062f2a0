using System.Text.RegularExpressions;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Architecture;

/// <summary>
/// The app's top-level folders (one namespace each: the pipeline stages and the shared ones) must not depend
/// on each other in a cycle, so each can be read, changed and tested from the ones below it.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string AppFolder = Path.Combine(RepositoryRoot.Find(), "functions", "PetitionFunctions");

    [GeneratedRegex(@"\bPetitionFunctions\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex NamespaceReference();

    /// <summary>Which top-level folders each one names: in using directives, qualified names or doc references.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var folders = Directory.GetDirectories(AppFolder).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).ToHashSet()!;
        var graph = folders.ToDictionary(folder => folder!, _ => new HashSet<string>());
        foreach (var folder in folders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppFolder, folder!), "*.cs", SearchOption.AllDirectories))
                foreach (Match reference in NamespaceReference().Matches(File.ReadAllText(file)))
                    if (reference.Groups[1].Value is var target && target != folder && folders.Contains(target))
                        graph[folder!].Add(target);
        return graph;
    }

    /// <summary>The strongly connected groups of more than one folder (Tarjan's algorithm).</summary>
    private static List<HashSet<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<HashSet<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph[node])
            {
                if (!index.TryGetValue(next, out var seen)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (stack.Contains(next)) low[node] = Math.Min(low[node], seen);
            }
            if (low[node] != index[node]) return;
            var group = new HashSet<string>();
            string member;
            do { member = stack.Pop(); group.Add(member); } while (member != node);
            if (group.Count > 1) cycles.Add(group);
        }
        foreach (var node in graph.Keys.Order()) if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }

    [Fact]
    public void No_folder_depends_on_another_in_a_cycle()
    {
        var graph = Dependencies();
        Assert.True(graph.Count >= 10, "The app's folders were not found.");

        var cycles = Cycles(graph);

        Assert.True(cycles.Count == 0, "Dependency cycles between folders: " + string.Join("; ", cycles.Select(c => string.Join(" ↔ ", c.Order()))));
    }

    /// <summary>The cycle search itself finds a cycle, so the test above cannot pass by finding nothing.</summary>
    [Fact]
    public void The_cycle_search_finds_a_cycle_of_three()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };

        var cycle = Assert.Single(Cycles(graph));

        Assert.Equal(["A", "B", "C"], cycle.Order());
    }

    [Fact]
    public void The_shared_folders_depend_on_no_stage()
    {
        var graph = Dependencies();

        Assert.Empty(graph["Common"]);
        Assert.Equal(["Common"], graph["Access"]);
        Assert.Equal(["Common"], graph["Campaigns"]);
        Assert.Equal(["Campaigns", "Common"], graph["Email"].Order());
        Assert.Equal(["Common", "Email"], graph["Signatures"].Order());
    }
}
