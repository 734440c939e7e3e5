const x: number = 'a'
