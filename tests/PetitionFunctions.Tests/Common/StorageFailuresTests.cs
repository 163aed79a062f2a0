using Azure;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public class StorageFailuresTests
{
    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(0)]
    public void Server_side_and_transport_statuses_are_unavailable(int status) =>
        Assert.True(StorageFailures.IsUnavailable(new RequestFailedException(status, "failed")));

    [Theory]
    [InlineData(409)]
    [InlineData(404)]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(412)]
    public void Client_side_statuses_are_not_unavailable(int status) =>
        Assert.False(StorageFailures.IsUnavailable(new RequestFailedException(status, "failed")));

    [Fact]
    public void HttpRequestException_is_unavailable() =>
        Assert.True(StorageFailures.IsUnavailable(new HttpRequestException("connection refused")));

    [Fact]
    public void TimeoutException_is_unavailable() =>
        Assert.True(StorageFailures.IsUnavailable(new TimeoutException()));

    [Fact]
    public void IOException_is_unavailable() =>
        Assert.True(StorageFailures.IsUnavailable(new IOException("reset")));

    [Fact]
    public void ArgumentException_is_not_unavailable() =>
        Assert.False(StorageFailures.IsUnavailable(new ArgumentException("bad")));

    [Fact]
    public void InvalidOperationException_is_not_unavailable() =>
        Assert.False(StorageFailures.IsUnavailable(new InvalidOperationException()));

    [Fact]
    public void An_aggregate_of_unavailable_failures_is_unavailable() =>
        Assert.True(StorageFailures.IsUnavailable(new AggregateException(
            new RequestFailedException(503, "down"), new HttpRequestException("refused"))));

    [Fact]
    public void An_aggregate_with_a_client_failure_is_not_unavailable() =>
        Assert.False(StorageFailures.IsUnavailable(new AggregateException(
            new RequestFailedException(503, "down"), new RequestFailedException(409, "conflict"))));
}
