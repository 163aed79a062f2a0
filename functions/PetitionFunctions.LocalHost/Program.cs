using PetitionFunctions.LocalHost;

await using var host = await LocalFunctionsHost.StartAsync(args);
host.WriteAdminTokenFile();
host.PrintSummary(Console.Out);
await host.App.WaitForShutdownAsync();
