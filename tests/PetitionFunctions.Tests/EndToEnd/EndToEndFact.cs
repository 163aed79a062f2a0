using Xunit.Abstractions;
using Xunit.Sdk;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// A fact of the end-to-end tier. It runs on whichever runtime its class's fixture type starts (the type argument
/// of its generic base class); on a class bound to the real host, it is reported as skipped ("real host: skipped, ...") where no Functions host
/// is found, so a run says plainly that the tier did not run.
/// </summary>
[XunitTestCaseDiscoverer("PetitionFunctions.Tests.EndToEnd.EndToEndFactDiscoverer", "PetitionFunctions.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EndToEndFactAttribute : FactAttribute;

public sealed class EndToEndFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var onRealHost = RuntimesOf(testMethod.TestClass.Class.ToRuntimeType()).Any(typeof(RealHostFixture).IsAssignableFrom);
        return onRealHost && !RealHostFixture.IsAvailable
            ? new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, RealHostFixture.SkipReason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }

    /// <summary>The fixture types a test class is bound to: the type arguments of its generic base classes.</summary>
    private static IEnumerable<Type> RuntimesOf(Type? testClass)
    {
        for (var type = testClass; type is not null; type = type.BaseType)
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) yield return argument;
    }
}

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("For deserialization only.")]
    public SkippedTestCase() { }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method, string reason)
        : base(sink, display, displayOptions, method) => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("Reason");
        base.Deserialize(data);
    }
}
