namespace PetitionFunctions.Tests.Support;

public static class Eventually
{
    public static Task True(Func<bool> condition, int seconds = 30) => True(() => Task.FromResult(condition()), seconds);

    public static async Task True(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not come true within {seconds} seconds.");
            await Task.Delay(100);
        }
    }
}
