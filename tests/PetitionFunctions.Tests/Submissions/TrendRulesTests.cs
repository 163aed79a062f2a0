using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Tests.Submissions;

public class TrendRulesTests
{
    [Fact]
    public void Groups_at_or_above_the_threshold_are_trends_by_address_and_by_domain_each_with_a_sample()
    {
        var senders = Enumerable.Range(0, 100).Select(i => new SignatureSender($"k{i}", "ipA", i < 40 ? "domX" : "domY"))
            .Concat(Enumerable.Range(0, 99).Select(i => new SignatureSender($"m{i}", "ipB", null)))
            .Append(new SignatureSender("old", null, null));

        var trends = TrendRules.Find(senders, threshold: 60);

        Assert.Equal(
            [(TrendKind.Ip, "ipA", 100, "k0"), (TrendKind.Ip, "ipB", 99, "m0"), (TrendKind.EmailDomain, "domY", 60, "k40")],
            trends);
        Assert.Empty(TrendRules.Find(senders, threshold: 101));
    }
}
