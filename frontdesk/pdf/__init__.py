"""What every PDF FrontDesk makes shares: the embedded Unicode fonts."""
